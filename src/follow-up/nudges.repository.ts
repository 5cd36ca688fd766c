import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { DueNudge, NudgeItem } from './follow-up.js';
import type { DueSchedule, StoredSchedule } from './week.js';
import { dueRelation, momentColumns, toSchedules } from './zoned.repository.js';

/**
 * Owners of open items with their nudge schedule: the workspace's day and time, in the owner's zone (else
 * the workspace's); opted-out owners left out. One pass over the open items.
 */
const ZONED_OWNERS = sql`
  owners as (
    -- The earliest day any of the owner's open items shows again (snoozes end).
    select team_id, owner_id, min(coalesce(snoozed_until, date '-infinity')) as first_visible
    from action_items where status = 'open' group by team_id, owner_id
  ), zoned as (
    select o.team_id, o.owner_id, o.first_visible, ${momentColumns(sql.ref('utz.tz'))}
    from owners o
    left join workspace_settings ws on ws.team_id = o.team_id
    left join user_time_zones utz on utz.team_id = o.team_id and utz.user_id = o.owner_id
    left join user_settings us on us.team_id = o.team_id and us.user_id = o.owner_id
    where us.nudges_opt_out is not true
  )`;

/**
 * Every nudge schedule an owner could have (a few hundred, however many owners): each workspace's day
 * and time in its own zone and in each zone kept for its people, and the default. Read every minute, so
 * it leaves the open items alone: a schedule no owner has finds nobody in selectDueOwners.
 */
export async function listNudgeSchedules(db: DbOrTrx): Promise<StoredSchedule[]> {
  const { rows } = await sql<{ tz: string; weekday: number; at_time: string }>`
    select distinct ${momentColumns(sql.ref('z.tz'))}
    from (
      select team_id, tz from user_time_zones
      union all select team_id, null from workspace_settings
      union all select null, null
    ) z
    left join workspace_settings ws on ws.team_id = z.team_id`.execute(db);
  return toSchedules(rows);
}

/** An owner whose nudge is due now: their ISO week and local date. */
export interface DueOwner {
  teamId: string;
  ownerId: string;
  week: string;
  today: string;
}

/**
 * Owners whose nudge is due on one of the `due` schedules, with an open item not snoozed past their local
 * today, and no nudge recorded for their ISO week yet. The weeks already recorded are read in one scan and
 * left out here, not by an anti-join: a join's plan rests on the table's statistics, and a table that filled
 * during the round (thousands of rows the planner has not seen) made it compare every owner with every row.
 */
export async function selectDueOwners(db: DbOrTrx, due: readonly DueSchedule[]): Promise<DueOwner[]> {
  if (due.length === 0) return [];
  const weeks = [...new Set(due.map((s) => s.week))];
  const [candidates, recorded] = await Promise.all([
    sql<{ team_id: string; owner_id: string; week: string; today: string }>`
      with ${ZONED_OWNERS}, zoned_once as materialized (select * from zoned)
      select o.team_id, o.owner_id, d.week, to_char(d.today, 'YYYY-MM-DD') as today
      from ${dueRelation(due)}
      join zoned_once o on o.tz = d.tz and o.weekday = d.weekday and o.at_time = d.at_time
      where o.first_visible <= d.today
      order by o.team_id, o.owner_id`.execute(db),
    sql<{ team_id: string; subject_id: string; week: string }>`
      select team_id, subject_id, week from follow_up_deliveries
      where kind = 'nudge' and week = any(${weeks})`.execute(db),
  ]);
  const done = new Set(recorded.rows.map((r) => `${r.team_id}:${r.subject_id}:${r.week}`));
  return candidates.rows
    .filter((r) => !done.has(`${r.team_id}:${r.owner_id}:${r.week}`))
    .map((r) => ({ teamId: r.team_id, ownerId: r.owner_id, week: r.week, today: r.today }));
}

/**
 * The nudges of `owners`: each owner's first `itemsPerOwner` open items not snoozed past their today
 * (soonest due first) and how many they have open; an owner left with none is left out.
 */
export async function listNudges(
  db: DbOrTrx,
  owners: readonly DueOwner[],
  itemsPerOwner: number,
): Promise<DueNudge[]> {
  if (owners.length === 0) return [];
  const batch = owners.map((o) => ({ team_id: o.teamId, owner_id: o.ownerId, week: o.week, today: o.today }));
  // One row per owner, the items as JSON: thousands of owners' rows cost less to read that way.
  const { rows } = await sql<{
    team_id: string;
    owner_id: string;
    week: string;
    today: string;
    open_count: string | number;
    items: NudgeItem[];
  }>`
    select p.team_id, p.owner_id, p.week, to_char(p.today, 'YYYY-MM-DD') as today, i.open_count, i.items
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
      as p(team_id text, owner_id text, week text, today date)
    cross join lateral (
      select max(x.open_count) as open_count,
        json_agg(json_build_object('id', x.id, 'title', x.title, 'dueDate', x.due_date,
          'channelId', x.channel_id, 'retroTitle', x.retro_title, 'overdue', x.overdue)
          order by x.due_date, x.created_at, x.id) as items
      from (
        select ai.id, ai.title, ai.due_date, ai.created_at, ai.channel_id, r.title as retro_title,
          ai.due_date < p.today as overdue, count(*) over () as open_count
        from action_items ai
        left join retros r on r.id = ai.retro_id
        where ai.team_id = p.team_id and ai.owner_id = p.owner_id and ai.status = 'open'
          and (ai.snoozed_until is null or ai.snoozed_until <= p.today)
        order by ai.due_date, ai.created_at, ai.id
        limit ${itemsPerOwner}
      ) x
      having count(*) > 0
    ) i
    order by p.team_id, p.owner_id`.execute(db);
  return rows.map((r) => ({
    teamId: r.team_id,
    ownerId: r.owner_id,
    week: r.week,
    today: r.today,
    openCount: Number(r.open_count),
    items: r.items,
  }));
}
