import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Db, DbOrTrx } from '../db/database.js';
import { type Kpi, parseKpiLines } from '../retro/kpi.js';
import { carriedKpis } from '../retro/retro.service.js';
import type { RetroKind, TemplateId } from '../retro/templates.js';
import { instantAtWallClock } from '../shared/wall-clock.js';
import { isWorkspaceAdmin } from '../slack/users.js';
import { type Cadence, firstStart, nextOccurrence, safeZone } from './cadence.js';
import { facilitatesSchedule, readCadence, readPrepared, type Schedule, withoutActuals } from './schedule.js';
import type { RetroScheduleRow } from './schedule.table.js';
import type { ScheduleInput } from './schedule-form.js';
import {
  deleteScheduleRow,
  findScheduleRow,
  findScheduleRowById,
  insertScheduleRow,
  listScheduleRowsNear,
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
export function toSchedule(row: RetroScheduleRow): Schedule | null {
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
  return isWorkspaceAdmin(client, userId);
}

/** A schedule's retros are of the quarter kind when quarterly, else of no particular kind. */
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
export async function kpisFor(db: DbOrTrx, schedule: Schedule): Promise<Kpi[]> {
  if (schedule.kpiLines) {
    const parsed = parseKpiLines(schedule.kpiLines);
    return parsed.ok ? withoutActuals(parsed.kpis) : [];
  }
  return carriedKpis(db, schedule.teamId, schedule.channelId);
}
