import type { FeatureContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { directMessage, type OutboxMessage } from '../outbox/index.js';
import type { Retro } from '../retro/retro.js';
import { findOpenRetroInChannel } from '../retro/retro.service.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import { insertRetroIn, postFirstCard } from '../setup/setup.service.js';
import { MAX_TITLE_LENGTH } from '../setup/setup-form.js';
import { presentCardFailedDm, presentMissedDm, presentSkippedDm } from './present-schedule-notice.js';
import {
  occurrenceTitle,
  planDue,
  type Schedule,
  scheduleFacilitators,
  withPreparedActuals,
} from './schedule.js';
import {
  claimDueSchedule,
  listCardlessScheduledRetros,
  takeCardLease,
  updateScheduleRow,
} from './schedules.repository.js';
import { kpisFor, toSchedule } from './schedules.service.js';

/** How long the copy that started a retro has to post its card before another copy may. */
const CARD_LEASE_MS = 2 * 60_000;
/** Schedules started in one run of the job; the rest wait a minute. */
const STARTS_PER_RUN = 50;

type StartOutcome = { retro: Retro } | { retro: null };

/**
 * Starts each due occurrence once, whatever the number of copies: the due row is locked (others skip it),
 * moved on and the retro inserted in one transaction; `retros (schedule_id, scheduled_for)` is unique
 * besides. Then the card is posted as `/retro start` posts it.
 */
export async function startDueRetros(
  ctx: FeatureContext,
  now: Date,
  onStarted: OnRetroStarted,
): Promise<number> {
  let done = 0;
  for (let i = 0; i < STARTS_PER_RUN; i++) {
    const outcome = await ctx.db.transaction().execute((trx) => startOne(ctx, trx, now));
    if (outcome === null) break;
    ctx.outbox.kick();
    if (outcome.retro) {
      await postCardOf(ctx, outcome.retro, onStarted);
      done++;
    }
  }
  return done;
}

async function startOne(ctx: FeatureContext, trx: DbOrTrx, now: Date): Promise<StartOutcome | null> {
  const row = await claimDueSchedule(trx, now);
  if (!row?.next_start_at) return null;
  const schedule = toSchedule(row);
  if (!schedule) {
    // Unreadable: paused rather than retried every minute.
    await updateScheduleRow(trx, row.team_id, row.id, { paused: true, next_start_at: null, updated_at: now });
    return { retro: null };
  }
  const plan = planDue(schedule, row.next_start_at, now);
  const messages: OutboxMessage[] = [];
  let retro: Retro | null = null;
  if (plan.missed) messages.push(...notify(schedule, 'missed', plan.missed, plan.next));
  if (plan.start) {
    const occurrence = plan.start;
    const open = await findOpenRetroInChannel(trx, schedule.teamId, schedule.channelId);
    retro = open
      ? null
      : await insertRetroIn(trx, {
          teamId: schedule.teamId,
          channelId: schedule.channelId,
          title: occurrenceTitle(schedule.title, occurrence, schedule.timeZone, MAX_TITLE_LENGTH),
          kind: schedule.kind,
          template: schedule.template,
          deadlineAt: new Date(now.getTime() + schedule.collectHours * 3_600_000),
          anonymousDefault: schedule.anonymousDefault,
          voteBudget: schedule.voteBudget,
          votingHours: schedule.votingHours,
          createdBy: schedule.createdBy,
          facilitatorIds: schedule.facilitatorIds.filter((id) => id !== schedule.createdBy),
          kpis: withPreparedActuals(await kpisFor(trx, schedule), schedule.prepared, occurrence),
          createdAt: now,
          scheduleId: schedule.id,
          scheduledFor: occurrence,
        });
    if (!retro) messages.push(...notify(schedule, 'skipped', occurrence, plan.next));
  }
  await updateScheduleRow(trx, schedule.teamId, schedule.id, {
    next_start_at: plan.next,
    updated_at: now,
    ...(retro ? { card_lease_until: new Date(now.getTime() + CARD_LEASE_MS), prepared_kpis: null } : {}),
  });
  if (messages.length) await ctx.outbox.enqueue(trx, messages);
  return { retro };
}

function notify(
  schedule: Schedule,
  why: 'missed' | 'skipped',
  occurrence: Date,
  next: Date,
): OutboxMessage[] {
  const content = (why === 'missed' ? presentMissedDm : presentSkippedDm)({
    title: schedule.title,
    channelId: schedule.channelId,
    occurrence,
    next,
  });
  return scheduleFacilitators(schedule).map((userId) =>
    directMessage(
      schedule.teamId,
      userId,
      { ...content },
      {
        jobKey: `schedule-${why}:${schedule.id}:${occurrence.toISOString()}:${userId}`,
      },
    ),
  );
}

async function postCardOf(ctx: FeatureContext, retro: Retro, onStarted: OnRetroStarted): Promise<void> {
  const posted = await postFirstCard(ctx, ctx.clientFor(retro.teamId), retro, onStarted);
  if (posted.ok) return;
  ctx.logger.warn({ retro: retro.id }, 'could not post the card of a scheduled retro');
  const content = presentCardFailedDm({ title: retro.title, channelId: retro.channelId });
  await ctx.outbox.enqueue(
    ctx.db,
    [...new Set([retro.createdBy, ...retro.facilitatorIds])].map((userId) =>
      directMessage(
        retro.teamId,
        userId,
        { ...content },
        { jobKey: `schedule-card-failed:${retro.id}:${userId}` },
      ),
    ),
  );
  ctx.outbox.kick();
}

/**
 * A copy that died between starting a retro and posting its card leaves it collecting with no card; once
 * its lease has run out, the one copy whose conditional update takes the lease again posts it.
 */
export async function postMissingCards(
  ctx: FeatureContext,
  now: Date,
  onStarted: OnRetroStarted,
): Promise<number> {
  let posted = 0;
  for (const missing of await listCardlessScheduledRetros(ctx.db, now)) {
    if (!(await takeCardLease(ctx.db, missing.scheduleId, now, new Date(now.getTime() + CARD_LEASE_MS))))
      continue;
    // The retro with no card is the channel's open one, unless it moved on meanwhile.
    const started = await findOpenRetroInChannel(ctx.db, missing.teamId, missing.channelId);
    if (started?.id !== missing.retroId || started.cardTs || started.phase !== 'collecting') continue;
    await postCardOf(ctx, started, onStarted);
    posted++;
  }
  return posted;
}
