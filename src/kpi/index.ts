import type { FeatureModule } from '../feature.js';
import { ACTIONS, VIEWS } from '../slack/ids.js';
import { editKpisPressed, kpiActualsSubmitted } from './kpi-actuals.handlers.js';

/** KPI actuals: facilitators fill in what each KPI reached while the retro is open. */
export const kpiModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.editKpis, editKpisPressed(ctx));
    app.view(VIEWS.editKpis, kpiActualsSubmitted(ctx));
  },
};
