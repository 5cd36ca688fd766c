import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../db/database.js';

/** Retros with items stored since their last mix. */
export async function listRetrosToMix(db: DbOrTrx): Promise<string[]> {
  const rows = await db.selectFrom('retro_mix_due').select('retro_id').execute();
  return rows.map((r) => r.retro_id);
}

/**
 * Writes all of a retro's items again, in the given order, in this one transaction: afterwards
 * every item carries the same xmin and their physical order (ctid) is `order`. Votes point at items
 * with a cascading key, so they are kept aside and put back. The retro row is locked so that an
 * author's edit cannot fall between the delete and the insert.
 */
export async function rewriteRetroItems(
  trx: DbOrTrx,
  retroId: string,
  order: <T>(items: readonly T[]) => T[],
): Promise<number> {
  const retro = await trx
    .selectFrom('retros')
    .select('id')
    .where('id', '=', retroId)
    .forUpdate()
    .executeTakeFirst();
  await trx.deleteFrom('retro_mix_due').where('retro_id', '=', retroId).execute();
  if (!retro) return 0;
  const items = await trx.selectFrom('feedback_items').selectAll().where('retro_id', '=', retroId).execute();
  if (items.length === 0) return 0;
  const votes = await trx.selectFrom('votes').selectAll().where('retro_id', '=', retroId).execute();
  await trx.deleteFrom('feedback_items').where('retro_id', '=', retroId).execute();
  await trx.insertInto('feedback_items').values(order(items)).execute();
  if (votes.length) await trx.insertInto('votes').values(order(votes)).execute();
  return items.length;
}

/**
 * Removes the dead row versions a mix (and the participation rewrites before it) left behind, so no
 * old version keeps the order in which items arrived. `retro_drafts` too: a saved message submitted
 * anonymously is deleted in the transaction that stores its items, and its dead version still names its
 * saver and that transaction. VACUUM cannot run inside a transaction.
 */
export async function vacuumMixedTables(db: Db): Promise<void> {
  await sql`vacuum feedback_items, votes, retro_participation, retro_mix_due, retro_drafts`.execute(db);
}
