import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';

export async function listMyVotes(db: DbOrTrx, retroId: string, voterId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('votes')
    .select('item_id')
    .where('retro_id', '=', retroId)
    .where('voter_id', '=', voterId)
    .execute();
  return rows.map((r) => r.item_id);
}

/**
 * Replaces the ballots of several voters in one statement: each voter's votes become exactly
 * `itemIds` (none clears them). Votes kept from before are left as they are, so nothing deleted
 * here is inserted again by the same statement.
 */
export async function replaceBallots(
  trx: DbOrTrx,
  input: {
    teamId: string;
    retroId: string;
    ballots: readonly { voterId: string; itemIds: readonly string[] }[];
  },
): Promise<void> {
  const voters = input.ballots.map((b) => b.voterId);
  const picks = input.ballots.flatMap((b) => b.itemIds.map((itemId) => ({ voterId: b.voterId, itemId })));
  await sql`
    with picks as (
      select * from unnest(
        ${picks.map((p) => p.voterId)}::text[],
        ${picks.map((p) => p.itemId)}::uuid[]
      ) as p (voter_id, item_id)
    ), dropped as (
      delete from votes v
      where v.retro_id = ${input.retroId}
        and v.voter_id = any(${voters}::text[])
        and not exists (select 1 from picks p where p.voter_id = v.voter_id and p.item_id = v.item_id)
    )
    insert into votes (team_id, retro_id, item_id, voter_id)
    select ${input.teamId}, ${input.retroId}, p.item_id, p.voter_id from picks p
    on conflict (item_id, voter_id) do nothing
  `.execute(trx);
}

/** Vote totals per item; never per voter. */
export async function tallyRetroVotes(db: DbOrTrx, retroId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('votes')
    .select(['item_id'])
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('retro_id', '=', retroId)
    .groupBy('item_id')
    .execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
}

/**
 * Takes the lock of each voter's ballot in one retro until the transaction ends (in a fixed order,
 * so two copies of the bot cannot deadlock), and a shared lock on the retro so that a phase change
 * waits; returns the retro's phase.
 */
export async function lockBallots(
  trx: DbOrTrx,
  input: { teamId: string; retroId: string; voterIds: readonly string[] },
): Promise<string | null> {
  const keys = [...new Set(input.voterIds)].sort().map((voterId) => `${input.retroId}:${voterId}`);
  const result = await sql<{ phase: string | null }>`
    select
      (select phase from retros where team_id = ${input.teamId} and id = ${input.retroId} for share) as phase,
      (select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from unnest(${keys}::text[]) as k) as locked
  `.execute(trx);
  return result.rows[0]?.phase ?? null;
}

/** The ids of a retro's items, with its phase: what a ballot may pick from once voting started. */
export async function listItemIds(
  db: DbOrTrx,
  retroId: string,
): Promise<{ phase: string | null; itemIds: string[] }> {
  const [retro, items] = await Promise.all([
    db.selectFrom('retros').select('phase').where('id', '=', retroId).executeTakeFirst(),
    db.selectFrom('feedback_items').select('id').where('retro_id', '=', retroId).execute(),
  ]);
  return { phase: retro?.phase ?? null, itemIds: items.map((i) => i.id) };
}
