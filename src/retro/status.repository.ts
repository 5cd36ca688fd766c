import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { ActionProgress } from './action-progress.js';

/** How many open items `/retro status` lists for a closed retro (the count says the rest). */
const OPEN_SHOWN = 5;

/** The action items a retro left (cancelled ones aside), for `/retro status` once it is closed. */
export async function retroActionProgress(db: DbOrTrx, retroId: string): Promise<ActionProgress> {
  const [counts, open] = await Promise.all([
    db
      .selectFrom('action_items')
      .select([
        sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
        sql<number>`count(*) filter (where status = 'open')::int`.as('open'),
      ])
      .where('retro_id', '=', retroId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('action_items')
      .select(['title', 'owner_id', 'due_date'])
      .where('retro_id', '=', retroId)
      .where('status', '=', 'open')
      .orderBy('due_date')
      .orderBy('id')
      .limit(OPEN_SHOWN)
      .execute(),
  ]);
  return {
    done: counts.done,
    open: counts.open,
    openItems: open.map((r) => ({ text: r.title, ownerId: r.owner_id, dueDate: r.due_date })),
  };
}
