import type { FeatureModule } from '../feature.js';
import { settingsCommand, settingsSubmitted } from './settings.handlers.js';
import { SETTINGS_IDS } from './settings.ids.js';

/** `/retro settings`: the workspace's weekly follow-up and each person's own opt-out. */
export const settingsModule: FeatureModule = {
  register(app, ctx) {
    app.view(SETTINGS_IDS.view, settingsSubmitted(ctx));
  },
  subcommands: (ctx) => ({ settings: settingsCommand(ctx) }),
};
