import type { Db } from '../db/database.js';
import { shuffle } from '../shared/shuffle.js';
import { pruneViewSubmissions } from './feedback.repository.js';
import { listRetrosToMix, rewriteRetroItems, vacuumMixedTables } from './mixing.repository.js';

/**
 * The mix: every retro that received items since its last mix has all its items written again, in
 * one transaction and in random order, then the tables are vacuumed. Run every minute, it leaves a
 * reader of the database nothing (no xmin, ctid, id or timestamp, no dead row version) that orders
 * anonymous submissions or groups their items by submission. See createFeedbackWriter for the rest
 * of the argument.
 */
export async function mixDueRetros(db: Db, now: Date): Promise<number> {
  let mixed = 0;
  for (const retroId of await listRetrosToMix(db)) {
    await db.transaction().execute((trx) => rewriteRetroItems(trx, retroId, shuffle));
    mixed += 1;
  }
  await pruneViewSubmissions(db, now);
  if (mixed > 0) await vacuumMixedTables(db);
  return mixed;
}
