import { randomUUID } from 'node:crypto';
import type { DbOrTrx } from '../db/database.js';

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

/** Anonymous items get no author and a random id: nothing ties them to the person who sent them. */
export async function insertItems(
  trx: DbOrTrx,
  input: { teamId: string; retroId: string; authorId: string | null; items: NewItem[] },
): Promise<void> {
  await trx
    .insertInto('feedback_items')
    .values(
      input.items.map((item) => ({
        id: randomUUID(),
        team_id: input.teamId,
        retro_id: input.retroId,
        section: item.section,
        body: item.body,
        author_id: input.authorId,
      })),
    )
    .execute();
}

export async function listParticipants(trx: DbOrTrx, retroId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('retro_participants')
    .select('user_id')
    .where('retro_id', '=', retroId)
    .execute();
  return rows.map((p) => p.user_id);
}

/** Replaces the participant rows as a whole, in the order given. */
export async function replaceParticipants(
  trx: DbOrTrx,
  teamId: string,
  retroId: string,
  userIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom('retro_participants').where('retro_id', '=', retroId).execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto('retro_participants')
    .values(userIds.map((user_id) => ({ team_id: teamId, retro_id: retroId, user_id })))
    .execute();
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

/** Deletes one of a person's items; true when there was one. */
export async function deleteMyItem(
  trx: DbOrTrx,
  input: { retroId: string; itemId: string; userId: string },
): Promise<boolean> {
  const result = await trx
    .deleteFrom('feedback_items')
    .where('retro_id', '=', input.retroId)
    .where('id', '=', input.itemId)
    .where('author_id', '=', input.userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Rewrites one of a person's items; true when there was one. */
export async function updateMyItem(
  trx: DbOrTrx,
  input: { retroId: string; itemId: string; userId: string; body: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('feedback_items')
    .set({ body: input.body })
    .where('retro_id', '=', input.retroId)
    .where('id', '=', input.itemId)
    .where('author_id', '=', input.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
