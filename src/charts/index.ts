import type { FeatureModule } from '../feature.js';
import { registerCharts } from './charts.service.js';

/** The KPI chart of a closed retro: drawn on the server and uploaded into the retro's thread. */
export const chartsModule: FeatureModule = {
  register: (_app, ctx) => registerCharts(ctx),
};
