import type { FeatureModule } from '../feature.js';
import { ACTIONS, VIEWS } from '../slack/ids.js';
import { votePressed, voteSubmitted } from './voting.handlers.js';

/** Private voting on the revealed items, within each person's budget. */
export const votingModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.vote, votePressed(ctx));
    app.view(VIEWS.vote, voteSubmitted(ctx));
  },
};
