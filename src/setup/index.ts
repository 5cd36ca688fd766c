import type { FeatureModule } from '../feature.js';
import { kindChanged, setupSubmitted, startCommand } from './setup.handlers.js';
import { SETUP_IDS } from './setup.ids.js';

/** Starting a retro: `/retro start`, the setup modal, the first card. */
export const setupModule: FeatureModule = {
  register(app, ctx) {
    app.action(SETUP_IDS.kindSelect, kindChanged(ctx));
    app.view(SETUP_IDS.view, setupSubmitted(ctx));
  },
  subcommands: (ctx) => ({ start: startCommand(ctx) }),
};
