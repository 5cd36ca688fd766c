import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';

/** Records (or records again) that a workspace removed the app; a repeat starts its deletion anew. */
export async function recordRemoval(trx: DbOrTrx, teamId: string, now: Date): Promise<void> {
  await sql`insert into workspace_removals (team_id, removed_at, finished_at) values (${teamId}, ${now}, null)
    on conflict (team_id) do update set removed_at = excluded.removed_at, finished_at = null`.execute(trx);
}

/** Unsent messages only: sent rows are history the deletion removes with the rest. */
export async function dropUnsentOutbox(trx: DbOrTrx, teamId: string): Promise<number> {
  const result = await sql`delete from outbox where team_id = ${teamId} and sent_at is null`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export async function pendingRemovals(db: DbOrTrx): Promise<string[]> {
  const { rows } = await sql<{ team_id: string }>`select team_id from workspace_removals
    where finished_at is null order by removed_at`.execute(db);
  return rows.map((r) => r.team_id);
}

/**
 * Every table holding a workspace's rows, read from the schema so a table added later is covered
 * without a change here. The removals themselves are kept: they are what stops the sending.
 */
export async function teamTables(db: DbOrTrx): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'team_id' and t.table_type = 'BASE TABLE'
      and c.table_name <> 'workspace_removals'
    order by c.table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

/** One batch, so no statement holds many locks or a long transaction while other workspaces work. */
export async function deleteBatch(db: DbOrTrx, table: string, teamId: string, size: number): Promise<number> {
  const t = sql.table(table);
  const result = await sql`delete from ${t} where ctid in (
    select ctid from ${t} where team_id = ${teamId} limit ${size})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function markFinished(db: DbOrTrx, teamId: string, now: Date): Promise<void> {
  await sql`update workspace_removals set finished_at = ${now}
    where team_id = ${teamId} and finished_at is null`.execute(db);
}
