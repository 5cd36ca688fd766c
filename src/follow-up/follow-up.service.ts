import type { FeatureContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { childLogger, safeError } from '../logger.js';
import { channelPost, directMessage, type OutboxMessage, toFailure } from '../outbox/index.js';
import { isTimeZone } from '../shared/wall-clock.js';
import { digestSections } from './digest.js';
import { listDigestSchedules, selectDueDigests } from './digest.repository.js';
import {
  type DueDigest,
  type DueNudge,
  deliveryOf,
  inTurnsByTeam,
  type WeeklyDelivery,
} from './follow-up.js';
import { recordDeliveries } from './follow-up.repository.js';
import { listNudgeSchedules, listNudges, selectDueOwners } from './nudges.repository.js';
import { presentDigest } from './present-digest.js';
import { NUDGE_ITEMS_SHOWN, presentNudge } from './present-nudge.js';
import {
  findTimeZone,
  ownersNeedingTimeZone,
  saveTimeZone,
  updateKeptTimeZone,
} from './time-zones.repository.js';
import { type DueSchedule, dueSchedules, type StoredSchedule } from './week.js';

/** What the weekly follow-up needs of the app: the database, the outbox, a logger. */
export type FollowUpContext = Pick<FeatureContext, 'db' | 'outbox' | 'logger'>;

/** Rounds of selection per pass: 1,000 owners (sending while the next is chosen) or 200 channels a round. */
const MAX_ROUNDS = 200;
export const OWNERS_PER_ROUND = 1000;

/**
 * Queues this week's nudge DM for every owner whose moment has come. Each is recorded for its owner and
 * ISO week in the transaction that queues it, so it goes once per owner per week across every copy of
 * the bot; the outbox sends it. Returns how many were queued here.
 */
export async function queueNudges(ctx: FollowUpContext, now: Date): Promise<number> {
  const owners = inTurnsByTeam(await selectDueOwners(ctx.db, await dueNow(listNudgeSchedules(ctx.db), now)));
  // The first round is one owner of each workspace, so every workspace's first nudge (and the start of
  // its rate budget) is on the way as soon as possible; the rest go in full rounds.
  const workspaces = new Set(owners.map((o) => o.teamId)).size;
  let next = 0;
  return queueRounds(
    ctx,
    now,
    async () => {
      if (next >= owners.length) return undefined;
      const round = owners.slice(
        next,
        next + (next === 0 ? Math.min(workspaces, OWNERS_PER_ROUND) : OWNERS_PER_ROUND),
      );
      next += round.length;
      return listNudges(ctx.db, round, NUDGE_ITEMS_SHOWN);
    },
    (nudge: DueNudge) =>
      directMessage(nudge.teamId, nudge.ownerId, presentNudge(nudge), { jobKey: deliveryOf(nudge).key }),
  );
}

/** Queues each channel's weekly digest once per week, at the workspace's moment in its zone. */
export async function queueDigests(ctx: FollowUpContext, now: Date): Promise<number> {
  const due = await dueNow(listDigestSchedules(ctx.db), now);
  return queueRounds(
    ctx,
    now,
    async () => {
      const digests = await selectDueDigests(ctx.db, due, 200);
      return digests.length > 0 ? digests : undefined;
    },
    (digest: DueDigest) => {
      const week = digestSections(digest.items, digest.today);
      const content = presentDigest(digest.channelId, week, digest.postTo !== digest.channelId);
      return channelPost(digest.teamId, digest.postTo, content, { jobKey: deliveryOf(digest).key });
    },
  );
}

/** Which of the stored schedules are due this minute: decided by week.ts, never in SQL. */
async function dueNow(schedules: Promise<StoredSchedule[]>, now: Date): Promise<DueSchedule[]> {
  return dueSchedules(await schedules, now);
}

/**
 * Round after round, selects what is due and, in one transaction, records it and queues its message,
 * until `select` says there is nothing left (undefined). What another copy recorded first is left to
 * that copy.
 */
async function queueRounds<T extends WeeklyDelivery>(
  ctx: FollowUpContext,
  now: Date,
  select: () => Promise<T[] | undefined>,
  toMessage: (due: T) => OutboxMessage,
): Promise<number> {
  let queued = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await select();
    if (due === undefined) break;
    if (due.length === 0) continue;
    const added = await ctx.db.transaction().execute(async (trx) => {
      const fresh = await recordDeliveries(trx, due.map(deliveryOf), now);
      return ctx.outbox.enqueue(trx, due.filter((d) => fresh.has(deliveryOf(d).key)).map(toMessage));
    });
    // Each round goes out while the next is chosen, not after the whole pass.
    if (added > 0) ctx.outbox.kick();
    queued += added;
  }
  return queued;
}

const REFRESH_AFTER_MS = 7 * 24 * 3600_000;
/** users.info is Tier 4 (100+ a minute); a minutely tick stays well inside it. */
const ZONES_PER_TICK = 40;

/**
 * Keeps owners' time zones (users.info `tz`) fresh, a few per tick, through the outbox's client so a 429
 * here never slows an interactive answer.
 */
export async function refreshTimeZones(ctx: FollowUpContext, now: Date): Promise<number> {
  const stale = new Date(now.getTime() - REFRESH_AFTER_MS);
  const owners = await ownersNeedingTimeZone(ctx.db, stale, ZONES_PER_TICK);
  let fetched = 0;
  for (const owner of owners) {
    try {
      const answer = (await ctx.outbox.call(owner.teamId, 'users.info', { user: owner.userId })) as {
        user?: { tz?: string };
      };
      const tz = answer.user?.tz;
      await saveTimeZone(ctx.db, owner, tz && isTimeZone(tz) ? tz : null, now);
      fetched += 1;
    } catch (error) {
      if (toFailure(error).kind === 'platform') {
        // Gone or unknown: the workspace zone applies, and we do not ask again for a week.
        await saveTimeZone(ctx.db, owner, null, now);
        continue;
      }
      // Slack is busy or away: the next tick goes on where this one stopped.
      childLogger(ctx.logger, 'scheduler').warn({ err: safeError(error) }, 'could not fetch a time zone');
      break;
    }
  }
  return fetched;
}

/**
 * A person's zone as kept here, undefined when it never was fetched; `stale` past a week, when the caller
 * had better ask Slack again. `tz` null: Slack did not say, and the workspace's zone applies.
 */
export async function keptTimeZone(
  db: DbOrTrx,
  user: { teamId: string; userId: string },
  now: Date,
): Promise<{ tz: string | null; stale: boolean } | undefined> {
  const kept = await findTimeZone(db, user);
  return kept && { tz: kept.tz, stale: kept.fetchedAt.getTime() < now.getTime() - REFRESH_AFTER_MS };
}

/**
 * Keeps a zone Slack told another feature (the Home tab asks on a first open), so the nudges use it too;
 * false, and nothing kept, when it is no zone the runtime knows.
 */
export async function keepTimeZone(
  db: DbOrTrx,
  user: { teamId: string; userId: string },
  tz: string,
  now: Date,
): Promise<boolean> {
  if (!isTimeZone(tz)) return false;
  await saveTimeZone(db, user, tz, now);
  return true;
}

/**
 * Slack told us a person's profile changed (`user_change`): a new zone is kept at once for someone whose
 * zone is kept, so their next nudge comes at the hour of where they are now, without asking users.info.
 */
export async function timeZoneChanged(
  db: DbOrTrx,
  user: { teamId: string; userId: string },
  tz: unknown,
  now: Date,
): Promise<boolean> {
  if (typeof tz !== 'string' || !isTimeZone(tz)) return false;
  return updateKeptTimeZone(db, user, tz, now);
}
