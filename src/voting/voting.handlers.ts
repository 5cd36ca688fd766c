import type { AppContext } from '../context.js';
import { listItems } from '../feedback/feedback.service.js';
import type { CardPacer } from '../retro/card-pace.service.js';
import {
  guardRetroButton,
  type SubmissionGuard,
  sealRetroMetadata,
  TAKES_BALLOTS,
} from '../retro/retro.guard.js';
import type { ActionArgs, ViewArgs } from '../slack/handler-types.js';
import { blockIdsOf, picked, readForm } from '../slack/read-form.js';
import { presentBallotSavedModal, presentVoteModal, voteBlockId } from './present-vote-modal.js';
import { notVotingText, presentForgedBallotModal, VOTING_ENDED } from './present-voting-notice.js';
import { listMyVotes } from './vote.repository.js';
import { VOTING_IDS } from './voting.ids.js';
import type { BallotBox } from './voting.service.js';

/** *Vote* on the card: opens the voter's own ballot, showing their current votes. */
export function votePressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await guardRetroButton(ctx, args, TAKES_BALLOTS, notVotingText);
    if (!found) return;
    const { retro } = found;
    const { body, client } = args;
    const [items, mine] = await Promise.all([
      listItems(ctx.db, retro.id),
      listMyVotes(ctx.db, retro.id, body.user.id),
    ]);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: presentVoteModal({
        retro,
        items,
        currentVoteIds: mine,
        metadata: sealRetroMetadata(ctx, retro.id),
      }),
    });
  };
}

/** The ballot's submission: every select's picks, counted together against the budget. */
export function voteSubmitted(deps: { ballots: BallotBox; cards: CardPacer; guard: SubmissionGuard }) {
  const { ballots, cards, guard } = deps;
  const picks = picked();
  return async ({ ack, body, view }: ViewArgs) => {
    const retro = await guard({ body, view });
    if (!retro) {
      await ack({ response_action: 'update', view: presentForgedBallotModal() });
      return;
    }
    const selects = blockIdsOf(view.state.values, `${VOTING_IDS.blocks.votes}_`);
    const form = readForm(view.state.values, Object.fromEntries(selects.map((id) => [id, picks])));
    const selected = form.ok ? (Object.values(form.values).flat() as string[]) : [];
    const cast = await ballots.cast(retro, body.user.id, selected);
    if (!cast.ok) {
      const error = cast.reason === 'voting_over' ? VOTING_ENDED : cast.error;
      await ack({ response_action: 'errors', errors: { [voteBlockId(0)]: error } });
      return;
    }
    // The ballot turns into its receipt, seen only by the voter: what was saved and until when it can change.
    await ack({
      response_action: 'update',
      view: presentBallotSavedModal({ retroTitle: retro.title, votes: cast.votes, budget: retro.voteBudget }),
    });
    cards.request(retro);
  };
}
