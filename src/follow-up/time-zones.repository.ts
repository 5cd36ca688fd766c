import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';

/** Owners of open items whose zone was never fetched, or last fetched before `staleBefore`. */
export async function ownersNeedingTimeZone(
  db: DbOrTrx,
  staleBefore: Date,
  limit: number,
): Promise<{ teamId: string; userId: string }[]> {
  const { rows } = await sql<{ team_id: string; owner_id: string }>`
    select o.team_id, o.owner_id
    from (select team_id, owner_id from action_items where status = 'open' group by team_id, owner_id) o
    left join user_time_zones utz on utz.team_id = o.team_id and utz.user_id = o.owner_id
    where utz.fetched_at is null or utz.fetched_at < ${staleBefore}
    order by utz.fetched_at nulls first, o.team_id, o.owner_id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ teamId: r.team_id, userId: r.owner_id }));
}

/** `tz` null: Slack did not say (the workspace default zone applies); still counts as fetched. */
export async function saveTimeZone(
  db: DbOrTrx,
  user: { teamId: string; userId: string },
  tz: string | null,
  now: Date,
): Promise<void> {
  await db
    .insertInto('user_time_zones')
    .values({ team_id: user.teamId, user_id: user.userId, tz, fetched_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ tz, fetched_at: now }))
    .execute();
}

/** The person's stored zone and when it was fetched; undefined when it never was. */
export async function findTimeZone(
  db: DbOrTrx,
  user: { teamId: string; userId: string },
): Promise<{ tz: string | null; fetchedAt: Date } | undefined> {
  const row = await db
    .selectFrom('user_time_zones')
    .select(['tz', 'fetched_at'])
    .where('team_id', '=', user.teamId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  return row && { tz: row.tz, fetchedAt: row.fetched_at };
}

/** A zone Slack says changed, for a person whose zone is kept here (false: none is); others are not added. */
export async function updateKeptTimeZone(
  db: DbOrTrx,
  user: { teamId: string; userId: string },
  tz: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('user_time_zones')
    .set({ tz, fetched_at: now })
    .where('team_id', '=', user.teamId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
