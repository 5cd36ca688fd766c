import type { FeatureModule } from '../feature.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import { kindChanged, setupSubmitted, startCommand } from './setup.handlers.js';
import { SETUP_IDS } from './setup.ids.js';

/** Starting a retro: `/retro start`, the setup modal, the first card; then what follows a start (`onStarted`). */
export function setupModule(onStarted: OnRetroStarted): FeatureModule {
  return {
    register(app, ctx) {
      app.action(SETUP_IDS.kindSelect, kindChanged(ctx));
      app.view(SETUP_IDS.view, setupSubmitted(ctx, onStarted));
    },
    subcommands: (ctx) => ({ start: startCommand(ctx) }),
  };
}
