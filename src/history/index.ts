import type { FeatureModule } from '../feature.js';
import { historyCommand } from './history.handlers.js';

/** `/retro history`: a channel's retros in order, with their KPIs met and actions done; and the Home tab's section. */
export const historyModule: FeatureModule = {
  subcommands: (ctx) => ({ history: historyCommand(ctx) }),
};

export { historyOf } from './history.service.js';
