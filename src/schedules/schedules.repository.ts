import { sql, type Updateable } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { RetroScheduleRow, RetroScheduleTable } from './schedule.table.js';

export function findScheduleRow(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<RetroScheduleRow | undefined> {
  return db
    .selectFrom('retro_schedules')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export function findScheduleRowById(
  db: DbOrTrx,
  teamId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<RetroScheduleRow | undefined> {
  const query = db
    .selectFrom('retro_schedules')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export interface NewScheduleRow {
  id: string;
  team_id: string;
  channel_id: string;
  title: string;
  kind: string;
  template: string;
  cadence: string;
  start_time: string;
  time_zone: string;
  kpi_lines: string | null;
  facilitator_ids: string[];
  created_by: string;
  collect_hours: number;
  voting_hours: number | null;
  prepare_hours: number;
  next_start_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** False when the channel already has a schedule (one per channel). */
export async function insertScheduleRow(db: DbOrTrx, row: NewScheduleRow): Promise<boolean> {
  const inserted = await db
    .insertInto('retro_schedules')
    .values({ ...row, prepared_for: null, prepared_kpis: null })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateScheduleRow(
  db: DbOrTrx,
  teamId: string,
  id: string,
  set: Updateable<RetroScheduleTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('retro_schedules')
    .set(set)
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteScheduleRow(db: DbOrTrx, teamId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('retro_schedules')
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One due schedule, locked for this transaction; others' copies skip it rather than wait. */
export function claimDueSchedule(trx: DbOrTrx, now: Date): Promise<RetroScheduleRow | undefined> {
  return trx
    .selectFrom('retro_schedules')
    .selectAll()
    .where('next_start_at', '<=', now)
    .where('paused', '=', false)
    .orderBy('next_start_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** One schedule whose preparation DM is due and not yet sent for its next occurrence, locked. */
export function claimDuePreparation(trx: DbOrTrx, now: Date): Promise<RetroScheduleRow | undefined> {
  return trx
    .selectFrom('retro_schedules')
    .selectAll()
    .where('paused', '=', false)
    .where('prepare_hours', '>', 0)
    .where('next_start_at', '>', now)
    .where(sql<boolean>`next_start_at - make_interval(hours => prepare_hours) <= ${now}`)
    .where((eb) => eb.or([eb('prepared_for', 'is', null), eb('prepared_for', '<>', eb.ref('next_start_at'))]))
    .orderBy('next_start_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Scheduled retros still collecting with no card, whose starter's lease on posting it has run out. */
export function listCardlessScheduledRetros(
  db: DbOrTrx,
  now: Date,
): Promise<{ retroId: string; scheduleId: string; teamId: string; channelId: string }[]> {
  return db
    .selectFrom('retros as r')
    .innerJoin('retro_schedules as s', 's.id', 'r.schedule_id')
    .select(['r.id as retroId', 's.id as scheduleId', 'r.team_id as teamId', 'r.channel_id as channelId'])
    .where('r.phase', '=', 'collecting')
    .where('r.card_ts', 'is', null)
    .where((eb) => eb.or([eb('s.card_lease_until', 'is', null), eb('s.card_lease_until', '<=', now)]))
    .limit(20)
    .execute();
}

/** Takes the lease on posting a card: true for the one copy whose conditional update found it free. */
export async function takeCardLease(
  db: DbOrTrx,
  scheduleId: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const taken = await db
    .updateTable('retro_schedules')
    .set({ card_lease_until: until })
    .where('id', '=', scheduleId)
    .where((eb) => eb.or([eb('card_lease_until', 'is', null), eb('card_lease_until', '<=', now)]))
    .executeTakeFirst();
  return taken.numUpdatedRows > 0n;
}

/** The retro a schedule started for an occurrence, if it did. */
export function findOccurrenceRetro(
  db: DbOrTrx,
  teamId: string,
  scheduleId: string,
  occurrence: Date,
): Promise<{ id: string; channel_id: string; card_ts: string | null } | undefined> {
  return db
    .selectFrom('retros')
    .select(['id', 'channel_id', 'card_ts'])
    .where('team_id', '=', teamId)
    .where('schedule_id', '=', scheduleId)
    .where('scheduled_for', '=', occurrence)
    .executeTakeFirst();
}

/**
 * The schedules a person sees on their Home tab: the ones they facilitate or created, and those of
 * channels where they took part in a retro.
 */
export function listScheduleRowsNear(db: DbOrTrx, teamId: string, userId: string, limit: number) {
  return db
    .selectFrom('retro_schedules as s')
    .selectAll('s')
    .where('s.team_id', '=', teamId)
    .where((eb) =>
      eb.or([
        eb('s.created_by', '=', userId),
        sql<boolean>`${userId} = any(s.facilitator_ids)`,
        eb.exists(
          eb
            .selectFrom('retros as r')
            .innerJoin('retro_participation as p', 'p.retro_id', 'r.id')
            .select('r.id')
            .whereRef('r.team_id', '=', 's.team_id')
            .whereRef('r.channel_id', '=', 's.channel_id')
            .where(sql<boolean>`${userId} = any(p.user_ids)`),
        ),
      ]),
    )
    .orderBy(sql`s.next_start_at nulls last`)
    .orderBy('s.title')
    .limit(limit)
    .execute();
}
