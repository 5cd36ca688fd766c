import { randomUUID } from 'node:crypto';
import type { Db, DbOrTrx } from '../db/database.js';
import type { Phase } from '../retro/phases.js';
import { lockRetroPhase } from '../retro/retro.repository.js';

export interface NewItem {
  section: string;
  body: string;
}

export interface StoredItem {
  id: string;
  section: string;
  body: string;
  /** Null for anonymous items. */
  authorId: string | null;
}

export type SubmitResult = { ok: true; count: number } | { ok: false; phase: Phase | null };

/**
 * Stores one submission. Anonymity: anonymous items get no author and a random id, and the
 * participant list is rewritten as a whole, in user-id order, so neither row order nor the
 * transaction that wrote a participant row lines up with the items of a submission.
 */
export async function submitFeedback(
  db: Db,
  input: { teamId: string; retroId: string; userId: string; anonymous: boolean; items: NewItem[] },
): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const phase = await lockRetroPhase(trx, input.teamId, input.retroId);
    if (phase !== 'collecting') return { ok: false, phase };

    await trx
      .insertInto('feedback_items')
      .values(
        input.items.map((item) => ({
          id: randomUUID(),
          team_id: input.teamId,
          retro_id: input.retroId,
          section: item.section,
          body: item.body,
          author_id: input.anonymous ? null : input.userId,
        })),
      )
      .execute();

    const existing = await trx
      .selectFrom('retro_participants')
      .select('user_id')
      .where('retro_id', '=', input.retroId)
      .execute();
    const everyone = [...new Set([...existing.map((p) => p.user_id), input.userId])].sort();
    await trx.deleteFrom('retro_participants').where('retro_id', '=', input.retroId).execute();
    await trx
      .insertInto('retro_participants')
      .values(everyone.map((user_id) => ({ team_id: input.teamId, retro_id: input.retroId, user_id })))
      .execute();
    return { ok: true, count: input.items.length };
  });
}

/** A retro's items; the caller decides what of the author to show. */
export async function listItems(db: DbOrTrx, retroId: string): Promise<StoredItem[]> {
  const rows = await db
    .selectFrom('feedback_items')
    .select(['id', 'section', 'body', 'author_id'])
    .where('retro_id', '=', retroId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, section: r.section, body: r.body, authorId: r.author_id }));
}

/** A person's own attributed items; anonymous ones cannot be found, by design. */
export async function listMyItems(db: DbOrTrx, retroId: string, userId: string): Promise<StoredItem[]> {
  const rows = await db
    .selectFrom('feedback_items')
    .select(['id', 'section', 'body', 'author_id'])
    .where('retro_id', '=', retroId)
    .where('author_id', '=', userId)
    .orderBy('section')
    .orderBy('body')
    .execute();
  return rows.map((r) => ({ id: r.id, section: r.section, body: r.body, authorId: r.author_id }));
}

/** One of a person's attributed items, wherever it is; null for anyone else's or an anonymous one. */
export async function findMyItem(
  db: DbOrTrx,
  teamId: string,
  itemId: string,
  userId: string,
): Promise<(StoredItem & { retroId: string }) | null> {
  const row = await db
    .selectFrom('feedback_items')
    .select(['id', 'retro_id', 'section', 'body', 'author_id'])
    .where('team_id', '=', teamId)
    .where('id', '=', itemId)
    .where('author_id', '=', userId)
    .executeTakeFirst();
  return row
    ? { id: row.id, retroId: row.retro_id, section: row.section, body: row.body, authorId: row.author_id }
    : null;
}

/**
 * Edits or withdraws an item, only by its author and only while the retro collects feedback.
 * Returns false when that no longer holds.
 */
export async function changeMyItem(
  db: Db,
  input: {
    teamId: string;
    retroId: string;
    itemId: string;
    userId: string;
    change: { body: string } | 'withdraw';
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const phase = await lockRetroPhase(trx, input.teamId, input.retroId);
    if (phase !== 'collecting') return false;
    // A withdrawn item is deleted: its author asked for it to be gone, so nothing keeps its text.
    const result =
      input.change === 'withdraw'
        ? await trx
            .deleteFrom('feedback_items')
            .where('retro_id', '=', input.retroId)
            .where('id', '=', input.itemId)
            .where('author_id', '=', input.userId)
            .executeTakeFirst()
            .then((r) => r.numDeletedRows)
        : await trx
            .updateTable('feedback_items')
            .set({ body: input.change.body })
            .where('retro_id', '=', input.retroId)
            .where('id', '=', input.itemId)
            .where('author_id', '=', input.userId)
            .executeTakeFirst()
            .then((r) => r.numUpdatedRows);
    return Number(result) > 0;
  });
}
