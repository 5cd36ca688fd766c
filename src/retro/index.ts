import type { FeatureModule } from '../feature.js';
import { statusCommand } from './retro.handlers.js';

/** The retro core: its card and `/retro status`. Other features act on retros through its guard and service. */
export const retroModule: FeatureModule = {
  subcommands: (ctx) => ({ status: statusCommand(ctx) }),
};
