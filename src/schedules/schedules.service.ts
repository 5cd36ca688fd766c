import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import { listOpenInChannel } from '../action-items/action-items.service.js';
import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { directMessage, type OutboxMessage } from '../outbox/index.js';
import { type Kpi, parseKpiLines, seriesKeyOf } from '../retro/kpi.js';
import type { Retro } from '../retro/retro.js';
import { carriedKpis, findOpenRetroInChannel } from '../retro/retro.service.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import type { RetroKind, TemplateId } from '../retro/templates.js';
import { insertRetroIn, postFirstCard } from '../setup/setup.service.js';
import { MAX_TITLE_LENGTH } from '../setup/setup-form.js';
import { instantAtWallClock } from '../shared/wall-clock.js';
import { type Cadence, firstStart, nextOccurrence, safeZone } from './cadence.js';
import {
  presentCardFailedDm,
  presentMissedDm,
  presentPreparationDm,
  presentSkippedDm,
} from './present-schedule-notice.js';
import {
  facilitatesSchedule,
  occurrenceTitle,
  type PreparedActuals,
  planDue,
  readCadence,
  readPrepared,
  type Schedule,
  scheduleFacilitators,
  withoutActuals,
  withPreparedActuals,
} from './schedule.js';
import type { RetroScheduleRow } from './schedule.table.js';
import type { ScheduleInput } from './schedule-form.js';
import {
  claimDuePreparation,
  claimDueSchedule,
  deleteScheduleRow,
  findOccurrenceRetro,
  findScheduleRow,
  findScheduleRowById,
  insertScheduleRow,
  listCardlessScheduledRetros,
  listScheduleRowsNear,
  takeCardLease,
  updateScheduleRow,
} from './schedules.repository.js';

/** A channel's schedule as other features see it: whether retros are scheduled there, and the next start. */
export interface ScheduleSummary {
  id: string;
  channelId: string;
  title: string;
  /** Null while paused. */
  nextStartAt: Date | null;
  paused: boolean;
  facilitatorIds: string[];
}

export async function findSchedule(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<ScheduleSummary | null> {
  const row = await findScheduleRow(db, teamId, channelId);
  if (!row) return null;
  return {
    id: row.id,
    channelId: row.channel_id,
    title: row.title,
    nextStartAt: row.next_start_at,
    paused: row.paused,
    facilitatorIds: row.facilitator_ids,
  };
}

/** A stored row with an unreadable cadence (never written by this code) is treated as absent. */
function toSchedule(row: RetroScheduleRow): Schedule | null {
  const cadence = readCadence(row.cadence);
  if (!cadence) return null;
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    title: row.title,
    kind: row.kind as RetroKind,
    template: row.template as TemplateId,
    cadence,
    startTime: row.start_time,
    timeZone: row.time_zone,
    kpiLines: row.kpi_lines,
    facilitatorIds: row.facilitator_ids,
    createdBy: row.created_by,
    collectHours: row.collect_hours,
    votingHours: row.voting_hours,
    voteBudget: row.vote_budget,
    anonymousDefault: row.anonymous_default,
    prepareHours: row.prepare_hours,
    nextStartAt: row.next_start_at,
    paused: row.paused,
    preparedFor: row.prepared_for,
    prepared: readPrepared(row.prepared_kpis),
  };
}

export async function loadChannelSchedule(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<Schedule | null> {
  const row = await findScheduleRow(db, teamId, channelId);
  return row ? toSchedule(row) : null;
}

export async function loadSchedule(db: DbOrTrx, teamId: string, id: string): Promise<Schedule | null> {
  const row = await findScheduleRowById(db, teamId, id);
  return row ? toSchedule(row) : null;
}

/** The KPIs the next retro would carry when the schedule names none: the channel's last retro's. */
export async function channelCarriedKpis(db: Db, teamId: string, channelId: string): Promise<Kpi[]> {
  return carriedKpis(db, teamId, channelId);
}

/**
 * The schedule's facilitators (the creator counts), and workspace admins and owners as Slack reports them;
 * having facilitated other retros does not make someone an editor of this cadence.
 */
export async function mayChangeSchedule(
  client: webApi.WebClient,
  schedule: Pick<Schedule, 'createdBy' | 'facilitatorIds'>,
  userId: string,
): Promise<boolean> {
  if (facilitatesSchedule(schedule, userId)) return true;
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.is_admin === true || user?.is_owner === true;
  } catch {
    // Not knowing is not being allowed.
    return false;
  }
}

function kindOf(cadence: Cadence): RetroKind {
  return cadence.every === 'quarter' ? 'quarter' : 'other';
}

/** After `now`, or from the first minute of the chosen day in the schedule's zone, whichever is later. */
function startSearchFrom(input: Pick<ScheduleInput, 'startingOn'>, zone: string, now: Date): Date {
  if (!input.startingOn) return now;
  const dayStart = instantAtWallClock(zone, input.startingOn, 0, 0).getTime() - 1;
  return new Date(Math.max(now.getTime(), dayStart));
}

export async function createSchedule(
  db: Db,
  input: ScheduleInput & { teamId: string; channelId: string; createdBy: string; timeZone: string },
  now: Date,
): Promise<{ ok: true; schedule: Schedule } | { ok: false; reason: 'exists' }> {
  const zone = safeZone(input.timeZone);
  const { cadence, first } = firstStart(
    input.cadence,
    input.startTime,
    zone,
    startSearchFrom(input, zone, now),
  );
  const id = randomUUID();
  const inserted = await insertScheduleRow(db, {
    id,
    team_id: input.teamId,
    channel_id: input.channelId,
    title: input.title,
    kind: kindOf(cadence),
    template: input.template,
    cadence: JSON.stringify(cadence),
    start_time: input.startTime,
    time_zone: zone,
    kpi_lines: input.kpiLines,
    facilitator_ids: input.facilitatorIds,
    created_by: input.createdBy,
    collect_hours: input.collectHours,
    voting_hours: input.votingHours,
    prepare_hours: input.prepareHours,
    next_start_at: first,
    created_at: now,
    updated_at: now,
  });
  if (!inserted) return { ok: false, reason: 'exists' };
  const schedule = await loadSchedule(db, input.teamId, id);
  return schedule ? { ok: true, schedule } : { ok: false, reason: 'exists' };
}

/** Changes a schedule; its next start is worked out again from now (a paused one stays paused). */
export async function editSchedule(
  db: Db,
  schedule: Schedule,
  input: ScheduleInput,
  now: Date,
): Promise<Schedule | null> {
  const zone = safeZone(schedule.timeZone);
  // Every two weeks keeps counting from its first start while its weekday stays.
  const keepAnchor =
    input.cadence.every === 'two_weeks' &&
    schedule.cadence.every === 'two_weeks' &&
    schedule.cadence.weekday === input.cadence.weekday;
  const choice =
    keepAnchor && schedule.cadence.every === 'two_weeks'
      ? { ...input.cadence, anchor: schedule.cadence.anchor }
      : input.cadence;
  const { cadence, first } = firstStart(choice, input.startTime, zone, startSearchFrom(input, zone, now));
  await updateScheduleRow(db, schedule.teamId, schedule.id, {
    title: input.title,
    kind: kindOf(cadence),
    template: input.template,
    cadence: JSON.stringify(cadence),
    start_time: input.startTime,
    kpi_lines: input.kpiLines,
    facilitator_ids: input.facilitatorIds,
    collect_hours: input.collectHours,
    voting_hours: input.votingHours,
    prepare_hours: input.prepareHours,
    next_start_at: schedule.paused ? null : first,
    updated_at: now,
  });
  return loadSchedule(db, schedule.teamId, schedule.id);
}

export async function pauseSchedule(db: Db, schedule: Schedule, now: Date): Promise<Schedule | null> {
  await updateScheduleRow(db, schedule.teamId, schedule.id, {
    paused: true,
    next_start_at: null,
    updated_at: now,
  });
  return loadSchedule(db, schedule.teamId, schedule.id);
}

/** Resuming starts again from now: the occurrences of the pause are not made up for. */
export async function resumeSchedule(db: Db, schedule: Schedule, now: Date): Promise<Schedule | null> {
  const next = nextOccurrence(schedule.cadence, schedule.startTime, schedule.timeZone, now);
  await updateScheduleRow(db, schedule.teamId, schedule.id, {
    paused: false,
    next_start_at: next,
    updated_at: now,
  });
  return loadSchedule(db, schedule.teamId, schedule.id);
}

/** Retros it started stay: they keep `schedule_id`, with no foreign key to follow. */
export function deleteSchedule(db: Db, schedule: Pick<Schedule, 'teamId' | 'id'>): Promise<boolean> {
  return deleteScheduleRow(db, schedule.teamId, schedule.id);
}

/** Schedules for a person's Home tab (see `listScheduleRowsNear`), soonest first. */
export async function listSchedulesNear(
  db: Db,
  teamId: string,
  userId: string,
  limit = 10,
): Promise<Schedule[]> {
  const rows = await listScheduleRowsNear(db, teamId, userId, limit);
  return rows.map(toSchedule).filter((s): s is Schedule => s !== null);
}

/** The KPIs a schedule's next retro takes: its own lines (targets only), else the channel's last retro's. */
async function kpisFor(db: DbOrTrx, schedule: Schedule): Promise<Kpi[]> {
  if (schedule.kpiLines) {
    const parsed = parseKpiLines(schedule.kpiLines);
    return parsed.ok ? withoutActuals(parsed.kpis) : [];
  }
  return carriedKpis(db, schedule.teamId, schedule.channelId);
}

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

/** Open action items of the channel listed in a preparation DM. */
const OPEN_ACTIONS_SHOWN = 10;
/** Preparation DMs queued in one run of the job; the rest wait a minute. */
const PREPARATIONS_PER_RUN = 50;

/**
 * Asks each facilitator to prepare, once per occurrence: the schedule's row is locked and its
 * `prepared_for` set in the transaction that queues the DMs, each with its own job key besides.
 */
export async function sendPreparations(ctx: FeatureContext, now: Date): Promise<number> {
  let done = 0;
  for (let i = 0; i < PREPARATIONS_PER_RUN; i++) {
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const row = await claimDuePreparation(trx, now);
      if (!row?.next_start_at) return null;
      const occurrence = row.next_start_at;
      await updateScheduleRow(trx, row.team_id, row.id, { prepared_for: occurrence });
      const schedule = toSchedule(row);
      if (!schedule) return 0;
      const kpis = await kpisFor(trx, schedule);
      const open = await listOpenInChannel(trx, schedule.teamId, schedule.channelId, OPEN_ACTIONS_SHOWN);
      const content = presentPreparationDm({
        scheduleId: schedule.id,
        title: schedule.title,
        channelId: schedule.channelId,
        occurrence,
        kpis: withPreparedActuals(kpis, schedule.prepared, occurrence),
        openActions: open.items,
        openTotal: open.total,
      });
      await ctx.outbox.enqueue(
        trx,
        scheduleFacilitators(schedule).map((userId) =>
          directMessage(
            schedule.teamId,
            userId,
            { ...content },
            {
              jobKey: `prepare:${schedule.id}:${occurrence.toISOString()}:${userId}`,
            },
          ),
        ),
      );
      return 1;
    });
    if (sent === null) break;
    ctx.outbox.kick();
    done += sent;
  }
  return done;
}

export type Preparation =
  | { ok: true; schedule: Schedule; occurrence: Date; kpis: Kpi[] }
  | { ok: false; reason: 'gone' | 'not_facilitator' | 'passed' }
  | { ok: false; reason: 'started'; channelId: string; cardTs: string | null };

/** What the *Fill in KPI actuals* button of a preparation DM opens, for this person and occurrence. */
export async function preparationOf(
  db: Db,
  teamId: string,
  scheduleId: string,
  occurrence: Date,
  userId: string,
): Promise<Preparation> {
  const schedule = await loadSchedule(db, teamId, scheduleId);
  if (!schedule) return { ok: false, reason: 'gone' };
  if (!facilitatesSchedule(schedule, userId)) return { ok: false, reason: 'not_facilitator' };
  if (schedule.nextStartAt?.getTime() !== occurrence.getTime()) {
    const started = await findOccurrenceRetro(db, teamId, scheduleId, occurrence);
    return started
      ? { ok: false, reason: 'started', channelId: started.channel_id, cardTs: started.card_ts }
      : { ok: false, reason: 'passed' };
  }
  const kpis = withPreparedActuals(await kpisFor(db, schedule), schedule.prepared, occurrence);
  return { ok: true, schedule, occurrence, kpis };
}

/**
 * Keeps the actuals typed before an occurrence (by KPI series), applied when it starts; refused once the
 * occurrence has started or passed (the row is locked, so the start sees them or this sees the start).
 */
export async function savePreparedActuals(
  db: Db,
  teamId: string,
  scheduleId: string,
  occurrence: Date,
  actuals: ReadonlyMap<string, number | null>,
): Promise<{ ok: true } | { ok: false; reason: 'gone' | 'passed' }> {
  return db.transaction().execute(async (trx) => {
    const row = await findScheduleRowById(trx, teamId, scheduleId, { lock: true });
    if (!row) return { ok: false, reason: 'gone' } as const;
    if (row.next_start_at?.getTime() !== occurrence.getTime())
      return { ok: false, reason: 'passed' } as const;
    const before = readPrepared(row.prepared_kpis);
    const kept = before && new Date(before.for).getTime() === occurrence.getTime() ? before.actuals : {};
    const prepared: PreparedActuals = {
      for: occurrence.toISOString(),
      actuals: {
        ...kept,
        ...Object.fromEntries([...actuals].map(([metric, v]) => [seriesKeyOf(metric), v])),
      },
    };
    await updateScheduleRow(trx, teamId, scheduleId, { prepared_kpis: JSON.stringify(prepared) });
    return { ok: true } as const;
  });
}
