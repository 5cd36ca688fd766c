import type { FeatureContext } from '../context.js';
import type { FeatureModule } from '../feature.js';
import { type RefreshHomes, reviewPressed } from './carry-over.handlers.js';
import { CARRY_OVER_IDS } from './carry-over.ids.js';
import { registerReviewMessages } from './carry-over.service.js';

const IDS = CARRY_OVER_IDS.actions;

/**
 * Last time's actions, reviewed first: when a retro starts (`reviewLastActions`, a step after the start
 * that app.ts hands to the features starting retros), the channel's open actions from earlier retros are
 * listed in its thread with *Done*, *Carry over* and *Drop*. `carryOverModule(homeRefresher)` is handed the
 * Home tab's re-publisher by `app.ts`.
 */
export function carryOverModule(homes: (ctx: FeatureContext) => RefreshHomes): FeatureModule {
  return {
    register(app, ctx) {
      registerReviewMessages(ctx);
      const refreshHomes = homes(ctx);
      app.action(IDS.done, reviewPressed(ctx, refreshHomes, 'done'));
      app.action(IDS.carry, reviewPressed(ctx, refreshHomes, 'carried'));
      app.action(IDS.drop, reviewPressed(ctx, refreshHomes, 'dropped'));
    },
  };
}

export { reviewLastActions } from './carry-over.service.js';
