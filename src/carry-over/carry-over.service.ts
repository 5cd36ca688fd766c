import { closeActionWithin } from '../action-items/action-items.service.js';
import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import {
  channelCanvasEdit,
  channelPost,
  channelQueue,
  messageEdit,
  type RenderedEdit,
} from '../outbox/index.js';
import { isOpenPhase } from '../retro/phases.js';
import { retroById } from '../retro/retro.guard.js';
import type { Retro } from '../retro/retro.js';
import { lockRetroPhase } from '../retro/retro.service.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import {
  carryItem,
  countOpenEarlierUnlisted,
  findReviewPost,
  insertReviewPost,
  insertReviews,
  listOpenEarlierItems,
  listReviewEntries,
  lockReviewEntry,
  recordOutcome,
  setReviewPostTs,
} from './carry-over.repository.js';
import { MAX_REVIEWED, presentActionReview, type ReviewRefusal } from './present-action-review.js';
import { mayDecide, type ReviewOutcome, type SinceLastTime, sinceLastTimeOf } from './review.js';

/** The onSent handler that keeps where a review message landed. */
const POSTED = 'action-review-posted';
/** The outbox renderer of a review message, redrawn after each decision. */
const RENDERER = 'action-review';

async function reviewContent(db: DbOrTrx, retro: Retro) {
  const [entries, unlisted] = await Promise.all([
    listReviewEntries(db, retro.teamId, retro.id),
    countOpenEarlierUnlisted(db, retro),
  ]);
  return presentActionReview({ retroId: retro.id, entries, unlisted });
}

/**
 * Once a retro's card is in the channel: last time's open actions (made in the channel's earlier retros,
 * carried ones included) get a review row each and are listed in the retro's thread with their buttons.
 * Once per retro: a retried start finds its review already there and the post's job key taken.
 */
export const reviewLastActions: OnRetroStarted = async (ctx, retro) => {
  const { cardTs } = retro;
  if (!cardTs) return;
  const queued = await ctx.db.transaction().execute(async (trx) => {
    const open = await listOpenEarlierItems(trx, retro, MAX_REVIEWED);
    if (open.ids.length === 0) return false;
    const first = await insertReviewPost(trx, {
      teamId: retro.teamId,
      retroId: retro.id,
      channelId: retro.channelId,
    });
    if (!first) return false;
    await insertReviews(trx, retro.teamId, retro.id, open.ids);
    const content = await reviewContent(trx, retro);
    await ctx.outbox.enqueue(
      trx,
      channelPost(
        retro.teamId,
        retro.channelId,
        { ...content, thread_ts: cardTs },
        { jobKey: `action-review:${retro.id}`, onSent: { handler: POSTED, data: { retroId: retro.id } } },
      ),
    );
    return true;
  });
  if (queued) ctx.outbox.kick();
};

function reviewEdit(retro: Retro) {
  return messageEdit(
    retro.teamId,
    channelQueue(retro.teamId, retro.channelId),
    { renderer: RENDERER, data: { retroId: retro.id } },
    `action-review-edit:${retro.id}`,
  );
}

export type DecideResult = { ok: true; ownerId: string } | { ok: false; refusal: ReviewRefusal };

const APPLIED: Record<ReviewOutcome, 'done' | 'cancelled' | null> = {
  done: 'done',
  dropped: 'cancelled',
  carried: null,
};

/**
 * A press of *Done*, *Carry over* or *Drop*: by the item's owner or a facilitator of the reviewing retro,
 * while it is open. The item's change, the review's row, the review message's edit and the owner's DM
 * edit are one transaction; the review row stays locked meanwhile, so a second press (or a second
 * delivery of the same one) finds it decided and changes nothing.
 */
export async function decideReview(
  ctx: FeatureContext,
  input: {
    teamId: string;
    userId: string;
    retroId: string;
    itemId: string;
    outcome: ReviewOutcome;
    /** The presser's day, for the owner's DM. */
    today: string;
  },
): Promise<DecideResult> {
  const { teamId, userId, retroId, itemId, outcome } = input;
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx): Promise<DecideResult> => {
    // Shared: presses run side by side, and the close waits for them (its summary counts their outcomes).
    const phase = await lockRetroPhase(trx, teamId, retroId, 'share');
    const retro = phase ? await retroById(trx, teamId, retroId) : null;
    const entry = retro ? await lockReviewEntry(trx, teamId, retroId, itemId) : null;
    if (!retro || !entry) return { ok: false, refusal: { code: 'gone' } };
    if (!isOpenPhase(retro.phase)) return { ok: false, refusal: { code: 'retro_over' } };
    if (!mayDecide(entry.ownerId, retro, userId)) {
      return { ok: false, refusal: { code: 'not_allowed', ownerId: entry.ownerId, retroTitle: retro.title } };
    }
    if (entry.outcome) {
      return { ok: false, refusal: { code: 'decided', outcome: entry.outcome, by: entry.decidedBy } };
    }
    const applied = APPLIED[outcome];
    const changed =
      entry.status === 'open' &&
      (applied
        ? (await closeActionWithin(ctx, trx, {
            teamId,
            id: itemId,
            userId,
            outcome: applied,
            today: input.today,
          })) !== null
        : await carryItem(trx, { teamId, itemId, retroId, now }));
    // Whatever happened, the message shows the item as it is now.
    // The channel's canvas shows the item done, carried or dropped.
    await ctx.outbox.enqueue(trx, [reviewEdit(retro), channelCanvasEdit(teamId, retro.channelId)]);
    if (!changed) {
      const current = await lockReviewEntry(trx, teamId, retroId, itemId);
      const status = current?.status === 'done' ? 'done' : 'cancelled';
      return { ok: false, refusal: { code: 'closed_elsewhere', status, doneBy: current?.doneBy ?? null } };
    }
    await recordOutcome(trx, { teamId, retroId, itemId, outcome, by: userId, at: now });
    return { ok: true, ownerId: entry.ownerId };
  });
  ctx.outbox.kick();
  return result;
}

/** What a retro's summary says of the actions its review listed; null when it listed none. */
export async function sinceLastTime(
  db: DbOrTrx,
  teamId: string,
  retroId: string,
): Promise<SinceLastTime | null> {
  return sinceLastTimeOf(await listReviewEntries(db, teamId, retroId));
}

async function renderReview(
  db: Db,
  job: { teamId: string; data: unknown },
): Promise<RenderedEdit | undefined> {
  const retroId = (job.data as { retroId?: unknown } | null)?.retroId;
  if (typeof retroId !== 'string') return undefined;
  const [post, retro] = await Promise.all([
    findReviewPost(db, job.teamId, retroId),
    retroById(db, job.teamId, retroId),
  ]);
  if (!post?.ts || !retro) return undefined;
  return { channel: post.channelId, ts: post.ts, content: { ...(await reviewContent(db, retro)) } };
}

/** Keeps the ts of each review message, so a decision edits it in place, and renders those edits. */
export function registerReviewMessages(ctx: FeatureContext): void {
  ctx.outbox.renderer(RENDERER, renderReview);
  ctx.outbox.onSent(POSTED, async (db: Db, sent) => {
    const retroId = (sent.data as { retroId?: unknown } | null)?.retroId;
    if (typeof retroId !== 'string' || !sent.result.ts) return;
    await setReviewPostTs(db, sent.teamId, retroId, sent.result.ts);
  });
}
