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

/** Who has cast a ballot in the retro: the voting reminder leaves them out. */
export async function listVoterIds(db: DbOrTrx, retroId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('votes')
    .select('voter_id')
    .distinct()
    .where('retro_id', '=', retroId)
    .execute();
  return rows.map((r) => r.voter_id);
}

/**
 * Replaces the ballots of several voters, if the retro is voting (the database function
 * replace_ballots, replace-ballots.sql.ts): each voter's votes become exactly `itemIds` (none clears
 * them). Returns false, writing nothing, when the retro is not voting.
 */
export async function replaceBallots(
  db: DbOrTrx,
  input: {
    teamId: string;
    retroId: string;
    ballots: readonly { voterId: string; itemIds: readonly string[] }[];
  },
): Promise<boolean> {
  // Sorted, so that two calls take the voters' locks in the same order.
  const ballots = [...input.ballots].sort((a, b) =>
    a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0,
  );
  const picks = ballots.flatMap((b) => b.itemIds.map((itemId) => ({ voterId: b.voterId, itemId })));
  const result = await sql<{ voting: boolean }>`
    select replace_ballots(
      ${input.teamId},
      ${input.retroId}::uuid,
      ${ballots.map((b) => b.voterId)}::text[],
      ${picks.map((p) => p.voterId)}::text[],
      ${picks.map((p) => p.itemId)}::uuid[]
    ) as voting`.execute(db);
  return result.rows[0]?.voting === true;
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
