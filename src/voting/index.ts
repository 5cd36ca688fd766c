import type { FeatureModule } from '../feature.js';
import { ACTIONS } from '../retro/card.ids.js';
import { createSubmissionGuard } from '../retro/retro.guard.js';
import { votePressed, voteSubmitted } from './voting.handlers.js';
import { VOTING_IDS } from './voting.ids.js';
import { createBallotBox } from './voting.service.js';

/** Private voting on the revealed items, within each person's budget. */
export const votingModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.vote, votePressed(ctx));
    const deps = {
      ballots: createBallotBox(ctx.db),
      cards: ctx.cards,
      guard: createSubmissionGuard(ctx),
    };
    app.view(VOTING_IDS.view, voteSubmitted(deps));
  },
};
