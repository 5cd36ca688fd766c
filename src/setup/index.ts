import type { FeatureModule } from '../feature.js';
import { ACTIONS, VIEWS } from '../slack/ids.js';
import { kindChanged, setupSubmitted, startCommand } from './setup.handlers.js';

/** Starting a retro: `/retro start`, the setup modal, the first card. */
export const setupModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.kindSelect, kindChanged(ctx));
    app.view(VIEWS.setup, setupSubmitted(ctx));
  },
  subcommands: (ctx) => ({ start: startCommand(ctx) }),
};
