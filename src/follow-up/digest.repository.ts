import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { DueDigest } from './follow-up.js';
import type { DueSchedule, StoredSchedule } from './week.js';
import { dueRelation, momentColumns, toSchedules } from './zoned.repository.js';

/** Workspaces with action items and digests on, as schedules: their zone, day and time. */
const WORKSPACES = sql`
  z as (
    select t.team_id, ${momentColumns()}, ws.digest_channel_id
    from (select distinct team_id from action_items) t
    left join workspace_settings ws on ws.team_id = t.team_id
    where ws.digest_enabled is not false
  )`;

/** The distinct digest schedules of workspaces that have action items. */
export async function listDigestSchedules(db: DbOrTrx): Promise<StoredSchedule[]> {
  const { rows } = await sql<{ tz: string; weekday: number; at_time: string }>`
    with ${WORKSPACES} select distinct tz, weekday, at_time from z`.execute(db);
  return toSchedules(rows);
}

/**
 * Channels whose weekly digest is due on one of the `due` schedules: open items or items done since the
 * week began, and no digest recorded for this ISO week yet.
 */
export async function selectDueDigests(
  db: DbOrTrx,
  due: readonly DueSchedule[],
  limit: number,
): Promise<DueDigest[]> {
  if (due.length === 0) return [];
  const { rows: channels } = await sql<{
    team_id: string;
    channel_id: string;
    post_to: string;
    week: string;
    today: string;
    week_start: Date | string;
  }>`
    with ${WORKSPACES}, l as (
      select z.team_id, z.digest_channel_id, d.week, d.today,
        d.monday::timestamp at time zone d.tz as week_start
      from ${dueRelation(due)}
      join z on z.tz = d.tz and z.weekday = d.weekday and z.at_time = d.at_time
    ), c as (
      select distinct l.team_id, ai.channel_id, coalesce(l.digest_channel_id, ai.channel_id) as post_to,
        l.week, to_char(l.today, 'YYYY-MM-DD') as today, l.week_start
      from l
      join action_items ai on ai.team_id = l.team_id
        and (ai.status = 'open' or (ai.status = 'done' and ai.done_at >= l.week_start))
    )
    select * from c
    where not exists (
      select 1 from follow_up_deliveries f
      where f.team_id = c.team_id and f.kind = 'digest' and f.subject_id = c.channel_id and f.week = c.week)
    order by c.team_id, c.channel_id
    limit ${limit}`.execute(db);
  if (channels.length === 0) return [];
  const teams = channels.map((c) => c.team_id);
  const channelIds = channels.map((c) => c.channel_id);
  const { rows: items } = await sql<{
    team_id: string;
    channel_id: string;
    id: string;
    title: string;
    owner_id: string;
    due_date: string;
    status: 'open' | 'done';
    done_at: Date | string | null;
  }>`
    select ai.team_id, ai.channel_id, ai.id, ai.title, ai.owner_id, ai.due_date, ai.status, ai.done_at
    from action_items ai
    where (ai.team_id, ai.channel_id) in (
        select * from unnest(${teams}::text[], ${channelIds}::text[]))
      and ai.status in ('open', 'done')
    order by ai.due_date, ai.created_at, ai.id`.execute(db);
  return channels.map((c) => {
    const weekStart = new Date(c.week_start).getTime();
    return {
      teamId: c.team_id,
      channelId: c.channel_id,
      postTo: c.post_to,
      week: c.week,
      today: c.today,
      items: items
        .filter((i) => i.team_id === c.team_id && i.channel_id === c.channel_id)
        .filter((i) => i.status === 'open' || (i.done_at && new Date(i.done_at).getTime() >= weekStart))
        .map((i) => ({
          id: i.id,
          title: i.title,
          ownerId: i.owner_id,
          dueDate: i.due_date,
          status: i.status,
        })),
    };
  });
}
