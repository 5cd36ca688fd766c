import type { AppContext } from '../context.js';
import { listItems } from '../feedback/feedback.repository.js';
import { childLogger } from '../logger.js';
import { refreshCard } from '../retro/card.js';
import { retroForButton, retroForView, sealRetroMetadata } from '../retro/lookup.js';
import type { ActionArgs, ViewArgs } from '../slack/handler-types.js';
import { BLOCKS } from '../slack/ids.js';
import { bold } from '../slack/limits.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { tellUser } from '../slack/tell-user.js';
import { blockIdsOf, selectedManyOf } from '../slack/view-state.js';
import { presentVoteModal, voteBlockId } from './present-vote-modal.js';
import { listMyVotes, replaceMyVotes } from './vote.repository.js';
import { checkVotes } from './vote-budget.js';

/** *Vote* on the card: opens the voter's own ballot, showing their current votes. */
export function votePressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await retroForButton(ctx, args);
    if (!found) return;
    const { retro, who: where } = found;
    const { body, client } = args;
    if (retro.phase !== 'voting') {
      const when = retro.phase === 'collecting' ? 'has not started yet' : 'is over';
      return tellUser(client, where, `Voting on ${bold(retro.title)} ${when}.`);
    }
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

/** The ballot's submission: the budget is enforced here, whatever the client sent. */
export function voteSubmitted(ctx: AppContext) {
  const log = childLogger(ctx.logger, 'retro');
  return async ({ ack, body, view, client }: ViewArgs) => {
    const retro = await retroForView(ctx, body, view);
    if (!retro) {
      await ack({
        response_action: 'update',
        view: presentNoticeModal(
          'Votes not saved',
          'This ballot could not be verified. Open it again from the retro card.',
        ),
      });
      return;
    }
    const firstBlock = voteBlockId(0);
    const selected = blockIdsOf(view.state.values, `${BLOCKS.votes}_`).flatMap((id) =>
      selectedManyOf(view.state.values, id),
    );
    const items = await listItems(ctx.db, retro.id);
    const checked = checkVotes(selected, new Set(items.map((i) => i.id)), retro.voteBudget);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: checked.error } });
      return;
    }
    const saved = await replaceMyVotes(ctx.db, {
      teamId: retro.teamId,
      retroId: retro.id,
      voterId: body.user.id,
      itemIds: checked.itemIds,
    });
    if (!saved) {
      await ack({
        response_action: 'errors',
        errors: { [firstBlock]: 'Voting has ended, so these votes were not saved.' },
      });
      return;
    }
    await ack();
    await refreshCard(ctx.db, client, retro, log);
  };
}
