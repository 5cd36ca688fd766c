import type { webApi } from '@slack/bolt';
import { chartUploads } from '../charts/charts.service.js';
import type { FeatureContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { revealAuthors, revealPosts } from '../feedback/reveal.service.js';
import { childLogger, safeError } from '../logger.js';
import { channelCanvasEdit, channelPost, directMessage, type OutboxMessage } from '../outbox/index.js';
import { cardEdit } from '../retro/card.service.js';
import { checkTransition, type Phase } from '../retro/phases.js';
import type { Retro } from '../retro/retro.js';
import { listRetrosPastDeadline, listRetrosPastVotingDeadline } from '../retro/retro.service.js';
import type { Message } from '../slack/messages.js';
import { messageLink } from '../slack/permalink.js';
import { displayNames } from '../slack/users.js';
import { summaryPosts, topItemsPosts } from '../summary/summary.service.js';
import type { PhaseChange } from './phase-change.js';
import { transitionPhase } from './phase-change.repository.js';
import {
  presentMovedByDeadline,
  presentVotingEnded,
  presentVotingOpen,
  type Trigger,
} from './present-phase-news.js';

/** Rolls a reveal back: an item read under the lock names an author whose name was not asked yet. */
class NamesMissing extends Error {
  constructor(readonly authorIds: string[]) {
    super('the reveal names authors whose names were not asked');
  }
}

/** What was asked of Slack before the transaction: authors' names for the reveal, the thread's link. */
interface Asked {
  names: ReadonlyMap<string, string>;
  threadUrl: string | null;
}

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
  trigger: Trigger = 'pressed',
): Promise<PhaseChange> {
  const allowed = checkTransition(retro.phase, to);
  if (!allowed.ok) return allowed;
  // Names are asked of Slack before the transaction, never inside it: the retro's row is held for SQL only.
  // A submission that commits after they were asked may bring a new author; the transaction then rolls
  // back and the change is made again with that name too. Each round adds someone, so it ends.
  let names = new Map<string, string>();
  let ask = to === 'voting' ? await revealAuthors(ctx.db, retro.id) : [];
  // The summary links the retro's thread.
  const threadUrl = to === 'closed' ? await messageLink(client, retro.channelId, retro.cardTs) : null;
  for (;;) {
    names = new Map([...names, ...(await displayNames(client, ask))]);
    try {
      return await move(ctx, retro, to, { names, threadUrl }, trigger);
    } catch (error) {
      if (!(error instanceof NamesMissing)) throw error;
      ask = error.authorIds;
    }
  }
}

async function move(
  ctx: FeatureContext,
  retro: Retro,
  to: Phase,
  asked: Asked,
  trigger: Trigger,
): Promise<PhaseChange> {
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const row = await transitionPhase(trx, retro.id, retro.phase, to, ctx.clock.now());
    // The card's edit first: it goes out before the reveal's posts on the channel's queue, so the card
    // does not show the old phase (and its buttons) while they are sent.
    if (row)
      await ctx.outbox.enqueue(trx, [
        cardEdit(row, 'now'),
        ...(await phasePosts(ctx, trx, row, to, asked)),
        ...phaseNews(row, to, trigger),
        // The channel's canvas records the closed retro (drawn only where the workspace keeps one).
        ...(to === 'closed' ? [channelCanvasEdit(row.teamId, row.channelId)] : []),
      ]);
    return row;
  });
  if (!moved) return { ok: false, reason: 'moved_on' };
  ctx.outbox.kick();
  const log = childLogger(ctx.logger, 'retro');
  log.info({ retro: moved.id, from: retro.phase, to }, 'retro phase changed');
  return { ok: true, retro: moved };
}

/** What the new phase posts: the reveal by the feedback feature, the top items and summary by the summary. */
async function phasePosts(
  ctx: FeatureContext,
  trx: DbOrTrx,
  retro: Retro,
  to: Phase,
  asked: Asked,
): Promise<OutboxMessage[]> {
  const post = (messages: readonly Message[], threadTs?: string | null) =>
    messages.map((m) =>
      channelPost(retro.teamId, retro.channelId, { ...(threadTs ? { thread_ts: threadTs } : {}), ...m }),
    );
  if (to === 'voting') {
    const reveal = await revealPosts(trx, retro, asked.names);
    if (!reveal.ok) throw new NamesMissing(reveal.authorIds);
    return post(reveal.messages, retro.cardTs);
  }
  if (to === 'discussing') return post(await topItemsPosts(trx, retro, ctx.clock.now()), retro.cardTs);
  // In the channel itself, not the thread: everyone sees the outcome.
  // The KPI chart after it, into the retro's thread.
  if (to === 'closed')
    return [
      ...post(await summaryPosts(trx, retro, retro.closedAt ?? ctx.clock.now(), asked.threadUrl)),
      ...(await chartUploads(trx, retro)),
    ];
  return [];
}

/**
 * The channel hears that voting opened or ended (after the thread's posts, on the same queue), and the
 * facilitators hear it privately when the deadline moved the retro rather than one of them.
 */
function phaseNews(retro: Retro, to: Phase, trigger: Trigger): OutboxMessage[] {
  if (to !== 'voting' && to !== 'discussing') return [];
  const news = to === 'voting' ? presentVotingOpen(retro) : presentVotingEnded(retro, trigger);
  const posts = [
    channelPost(retro.teamId, retro.channelId, { ...news }, { jobKey: `news:${retro.id}:${to}` }),
  ];
  if (trigger !== 'deadline') return posts;
  const told = presentMovedByDeadline(retro, to);
  const facilitators = [...new Set([retro.createdBy, ...retro.facilitatorIds])];
  return [
    ...posts,
    ...facilitators.map((userId) =>
      directMessage(retro.teamId, userId, { ...told }, { jobKey: `moved:${retro.id}:${to}:${userId}` }),
    ),
  ];
}

/** Collecting retros whose deadline passed move to voting on their own (a scheduled job). */
export async function advanceRetrosPastDeadline(ctx: FeatureContext, now: Date): Promise<number> {
  return moveByDeadline(ctx, await listRetrosPastDeadline(ctx.db, now), 'voting');
}

/** Voting retros whose voting deadline passed move to discussion on their own (a scheduled job). */
export async function endVotingPastDeadline(ctx: FeatureContext, now: Date): Promise<number> {
  return moveByDeadline(ctx, await listRetrosPastVotingDeadline(ctx.db, now), 'discussing');
}

async function moveByDeadline(ctx: FeatureContext, due: Retro[], to: Phase): Promise<number> {
  let moved = 0;
  for (const retro of due) {
    try {
      if ((await changePhase(ctx, ctx.clientFor(retro.teamId), retro, to, 'deadline')).ok) moved += 1;
    } catch (error) {
      // One retro's failure must not hold up the others.
      childLogger(ctx.logger, 'scheduler').error(
        { err: safeError(error), retro: retro.id, to },
        'deadline move failed',
      );
    }
  }
  return moved;
}
