import type { FeatureModule } from '../feature.js';
import { actionsCommand } from './action-items.handlers.js';

/** Action items: `/retro actions` (creating and following them up comes next). */
export const actionItemsModule: FeatureModule = {
  subcommands: (ctx) => ({ actions: actionsCommand(ctx) }),
};
