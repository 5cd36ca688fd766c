import type { FeatureModule } from '../feature.js';
import { ACTIONS } from '../retro/card.ids.js';
import { KPI_IDS } from './kpi.ids.js';
import { editKpisPressed, kpiActualsSubmitted } from './kpi-actuals.handlers.js';

/** KPI actuals: facilitators fill in what each KPI reached while the retro is open. */
export const kpiModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.editKpis, editKpisPressed(ctx));
    app.view(KPI_IDS.view, kpiActualsSubmitted(ctx));
  },
};
