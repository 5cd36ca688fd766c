import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { DueNudge } from './follow-up.js';
import type { DueSchedule, StoredSchedule } from './week.js';
import { dueRelation, toSchedules } from './zoned.repository.js';

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
    select o.team_id, o.owner_id, o.first_visible, coalesce(utz.tz, ws.default_tz, 'UTC') as tz,
      coalesce(ws.nudge_weekday, 1) as weekday, coalesce(ws.nudge_time, '09:00') as at_time
    from owners o
    left join workspace_settings ws on ws.team_id = o.team_id
    left join user_time_zones utz on utz.team_id = o.team_id and utz.user_id = o.owner_id
    left join user_settings us on us.team_id = o.team_id and us.user_id = o.owner_id
    where us.nudges_opt_out is not true
  )`;

/** The distinct nudge schedules of owners with open items (a few hundred, however many owners). */
export async function listNudgeSchedules(db: DbOrTrx): Promise<StoredSchedule[]> {
  const { rows } = await sql<{ tz: string; weekday: number; at_time: string }>`
    with ${ZONED_OWNERS}
    select distinct tz, weekday, at_time from zoned`.execute(db);
  return toSchedules(rows);
}

/**
 * Owners whose nudge is due on one of the `due` schedules: open items not snoozed past their local today,
 * and no nudge recorded for this ISO week yet.
 */
export async function selectDueNudges(
  db: DbOrTrx,
  due: readonly DueSchedule[],
  options: { owners: number; itemsPerOwner: number },
): Promise<DueNudge[]> {
  if (due.length === 0) return [];
  const { rows } = await sql<{
    team_id: string;
    owner_id: string;
    week: string;
    today: string;
    open_count: string | number;
    id: string;
    title: string;
    due_date: string;
    channel_id: string;
    retro_title: string | null;
    overdue: boolean;
  }>`
    with ${ZONED_OWNERS}, picked as (
      select o.team_id, o.owner_id, d.today, d.week
      from ${dueRelation(due)}
      join zoned o on o.tz = d.tz and o.weekday = d.weekday and o.at_time = d.at_time
      where o.first_visible <= d.today
        and not exists (
          select 1 from follow_up_deliveries f
          where f.team_id = o.team_id and f.kind = 'nudge' and f.subject_id = o.owner_id and f.week = d.week)
      order by o.team_id, o.owner_id
      limit ${options.owners}
    )
    select p.team_id, p.owner_id, p.week, to_char(p.today, 'YYYY-MM-DD') as today, i.*
    from picked p
    cross join lateral (
      select ai.id, ai.title, ai.due_date, ai.created_at, ai.channel_id, r.title as retro_title,
        ai.due_date < p.today as overdue, count(*) over () as open_count
      from action_items ai
      left join retros r on r.id = ai.retro_id
      where ai.team_id = p.team_id and ai.owner_id = p.owner_id and ai.status = 'open'
        and (ai.snoozed_until is null or ai.snoozed_until <= p.today)
      order by ai.due_date, ai.created_at, ai.id
      limit ${options.itemsPerOwner}
    ) i
    order by p.team_id, p.owner_id, i.due_date, i.created_at, i.id`.execute(db);
  const byOwner = new Map<string, DueNudge>();
  for (const r of rows) {
    const owner = `${r.team_id}:${r.owner_id}`;
    let nudge = byOwner.get(owner);
    if (!nudge) {
      nudge = {
        teamId: r.team_id,
        ownerId: r.owner_id,
        week: r.week,
        today: r.today,
        openCount: Number(r.open_count),
        items: [],
      };
      byOwner.set(owner, nudge);
    }
    nudge.items.push({
      id: r.id,
      title: r.title,
      dueDate: r.due_date,
      channelId: r.channel_id,
      retroTitle: r.retro_title,
      overdue: r.overdue,
    });
  }
  return [...byOwner.values()];
}
