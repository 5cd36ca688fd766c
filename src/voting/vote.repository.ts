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

/** Replaces a voter's votes with `itemIds` (none clears them). */
export async function replaceVotes(
  trx: DbOrTrx,
  input: { teamId: string; retroId: string; voterId: string; itemIds: readonly string[] },
): Promise<void> {
  await trx
    .deleteFrom('votes')
    .where('retro_id', '=', input.retroId)
    .where('voter_id', '=', input.voterId)
    .execute();
  if (input.itemIds.length === 0) return;
  await trx
    .insertInto('votes')
    .values(
      input.itemIds.map((item_id) => ({
        team_id: input.teamId,
        retro_id: input.retroId,
        item_id,
        voter_id: input.voterId,
      })),
    )
    .execute();
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

/** Serializes one person's ballots in one retro until the transaction ends. */
export async function lockBallot(trx: DbOrTrx, retroId: string, voterId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${retroId}:${voterId}`}, 0))`.execute(trx);
}
