import type { webApi } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { listItems } from '../feedback/feedback.service.js';
import { childLogger, safeError } from '../logger.js';
import { channelPost, type OutboxMessage } from '../outbox/index.js';
import { cardEdit } from '../retro/card.service.js';
import { checkTransition, type Phase } from '../retro/phases.js';
import type { Retro, RevealedItem } from '../retro/retro.js';
import { groupBySection } from '../retro/templates.js';
import { shuffle } from '../shared/shuffle.js';
import type { Message } from '../slack/messages.js';
import { displayNames } from '../slack/users.js';
import { presentSummary } from '../summary/present-summary.js';
import { composeSummary } from '../summary/summary.js';
import { loadSummaryInput } from '../summary/summary.service.js';
import type { PhaseChange } from './phase-change.js';
import { listRetrosPastDeadline, transitionPhase } from './phase-change.repository.js';
import { presentReveal, presentTopItems } from './present-reveal.js';

/**
 * Moves a retro to `to` and queues what that phase change means in the channel (reveal the feedback,
 * post the top items, or post the summary) in the same transaction: the phase never moves without its
 * posts, and the outbox retries them until Slack takes them. Permission checks happen before this.
 */
export async function changePhase(
  ctx: FeatureContext,
  client: webApi.WebClient,
  retro: Retro,
  to: Phase,
): Promise<PhaseChange> {
  const allowed = checkTransition(retro.phase, to);
  if (!allowed.ok) return allowed;
  // Names are asked of Slack before the transaction, which then holds the retro's row only briefly.
  const names = to === 'voting' ? await authorNames(ctx.db, client, retro.id) : new Map<string, string>();
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const row = await transitionPhase(trx, retro.id, retro.phase, to, ctx.clock.now());
    // The card's edit first: it goes out before the reveal's posts on the channel's queue, so the card
    // does not show the old phase (and its buttons) while they are sent.
    if (row)
      await ctx.outbox.enqueue(trx, [cardEdit(row), ...(await phasePosts(ctx, trx, client, row, to, names))]);
    return row;
  });
  if (!moved) return { ok: false, reason: 'moved_on' };
  ctx.outbox.kick();
  const log = childLogger(ctx.logger, 'retro');
  log.info({ retro: moved.id, from: retro.phase, to }, 'retro phase changed');
  return { ok: true, retro: moved };
}

async function phasePosts(
  ctx: FeatureContext,
  trx: DbOrTrx,
  client: webApi.WebClient,
  retro: Retro,
  to: Phase,
  names: Map<string, string>,
): Promise<OutboxMessage[]> {
  const post = (messages: readonly Message[], threadTs?: string | null) =>
    messages.map((m) =>
      channelPost(retro.teamId, retro.channelId, { ...(threadTs ? { thread_ts: threadTs } : {}), ...m }),
    );
  if (to === 'voting') return post(await revealMessages(trx, client, retro, names), retro.cardTs);
  if (to === 'discussing') {
    const summary = composeSummary(await loadSummaryInput(trx, retro, ctx.clock.now()));
    return post(presentTopItems({ retroTitle: retro.title, sections: summary.sections }), retro.cardTs);
  }
  if (to === 'closed') {
    const summary = composeSummary(await loadSummaryInput(trx, retro, retro.closedAt ?? ctx.clock.now()));
    // In the channel itself, not the thread: everyone sees the outcome.
    return post(presentSummary(summary));
  }
  return [];
}

async function authorNames(db: DbOrTrx, client: webApi.WebClient, retroId: string) {
  const items = await listItems(db, retroId);
  return displayNames(
    client,
    items.flatMap((i) => (i.authorId ? [i.authorId] : [])),
  );
}

async function revealMessages(
  trx: DbOrTrx,
  client: webApi.WebClient,
  retro: Retro,
  known: Map<string, string>,
): Promise<Message[]> {
  // Read again under the phase lock: an item added after the names were asked still shows its author.
  const items = await listItems(trx, retro.id);
  const missing = items.flatMap((i) => (i.authorId && !known.has(i.authorId) ? [i.authorId] : []));
  const names = missing.length ? new Map([...known, ...(await displayNames(client, missing))]) : known;
  const revealed: RevealedItem[] = groupBySection(retro.template, items)
    .filter((group) => group.emoji !== null)
    .flatMap((group) =>
      shuffle(group.items).map((i) => ({
        id: i.id,
        section: i.section,
        body: i.body,
        authorName: i.authorId ? (names.get(i.authorId) ?? null) : null,
      })),
    );
  return presentReveal({ retroTitle: retro.title, template: retro.template, items: revealed });
}

/** Collecting retros whose deadline passed move to voting on their own (a scheduled job). */
export async function advanceRetrosPastDeadline(ctx: FeatureContext, now: Date): Promise<number> {
  const due = await listRetrosPastDeadline(ctx.db, now);
  let moved = 0;
  for (const retro of due) {
    try {
      if ((await changePhase(ctx, ctx.clientFor(retro.teamId), retro, 'voting')).ok) moved += 1;
    } catch (error) {
      // One retro's failure must not hold up the others.
      childLogger(ctx.logger, 'scheduler').error(
        { err: safeError(error), retro: retro.id },
        'deadline move failed',
      );
    }
  }
  return moved;
}
