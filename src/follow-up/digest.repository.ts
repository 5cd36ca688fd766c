import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { DigestItemRow, DueDigest } from './follow-up.js';
import { DUE_TODAY, zonedColumns } from './zoned.repository.js';

export type { DigestItemRow, DueDigest };

/**
 * Channels whose weekly digest is due: digests on in the workspace, its local time (default zone) at or
 * after this week's moment and still on that day, open items or items done since the week began, and no
 * digest recorded for this ISO week yet.
 */
export async function selectDueDigests(db: DbOrTrx, now: Date, limit: number): Promise<DueDigest[]> {
  const { rows: channels } = await sql<{
    team_id: string;
    channel_id: string;
    post_to: string;
    week: string;
    today: string;
    week_start: Date | string;
  }>`
    with z as (
      select t.team_id, coalesce(ws.default_tz, 'UTC') as tz, coalesce(ws.nudge_weekday, 1) as weekday,
        coalesce(ws.nudge_time, '09:00') as at_time, ws.digest_channel_id
      from (select distinct team_id from action_items) t
      left join workspace_settings ws on ws.team_id = t.team_id
      where ws.digest_enabled is not false
    ), l as (
      select z.*, ${zonedColumns(now)} from z
    ), c as (
      select distinct l.team_id, ai.channel_id, coalesce(l.digest_channel_id, ai.channel_id) as post_to,
        l.week,
        to_char(l.local_now, 'YYYY-MM-DD') as today, l.week_start
      from l
      join action_items ai on ai.team_id = l.team_id
        and (ai.status = 'open' or (ai.status = 'done' and ai.done_at >= l.week_start))
      where ${DUE_TODAY}
    )
    select * from c
    where not exists (
      select 1 from follow_up_deliveries d
      where d.team_id = c.team_id and d.kind = 'digest' and d.subject_id = c.channel_id and d.week = c.week)
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
