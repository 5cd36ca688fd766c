import type { DbOrTrx } from '../db/database.js';

/** The people who put their name to an item of the retro. */
export async function listAuthorIds(db: DbOrTrx, retroId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_items')
    .select('author_id')
    .distinct()
    .where('retro_id', '=', retroId)
    .where('author_id', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.author_id ? [r.author_id] : []));
}
