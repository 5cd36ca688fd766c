import type { FeatureModule } from '../feature.js';
import { exportCommand } from './summary.handlers.js';

/** The close summary, and `/retro export` of it as Markdown. */
export const summaryModule: FeatureModule = {
  subcommands: (ctx) => ({ export: exportCommand(ctx) }),
};
