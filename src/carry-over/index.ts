import type { FeatureModule } from '../feature.js';
import { reviewPressed } from './carry-over.handlers.js';
import { CARRY_OVER_IDS } from './carry-over.ids.js';
import { registerReviewMessages } from './carry-over.service.js';

const IDS = CARRY_OVER_IDS.actions;

/**
 * Last time's actions, reviewed first: when a retro starts (`reviewLastActions`, a step after the start
 * that app.ts hands to the features starting retros), the channel's open actions from earlier retros are
 * listed in its thread with *Done*, *Carry over* and *Drop*.
 */
export const carryOverModule: FeatureModule = {
  register(app, ctx) {
    registerReviewMessages(ctx);
    app.action(IDS.done, reviewPressed(ctx, 'done'));
    app.action(IDS.carry, reviewPressed(ctx, 'carried'));
    app.action(IDS.drop, reviewPressed(ctx, 'dropped'));
  },
};

export { reviewLastActions } from './carry-over.service.js';
