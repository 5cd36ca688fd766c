import type { FeatureModule } from '../feature.js';
import { settingsCommand } from './settings.handlers.js';

/** `/retro settings`. */
export const settingsModule: FeatureModule = {
  subcommands: () => ({ settings: settingsCommand() }),
};
