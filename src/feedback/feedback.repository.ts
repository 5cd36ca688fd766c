import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
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

/** An item ready to store: anonymous ones have no author, and a random id like every other. */
export interface ItemRow {
  section: string;
  body: string;
  authorId: string | null;
}

/** A submission's items, each tagged with the Slack view it came in. */
export interface SubmittedItem extends ItemRow {
  viewId: string;
}

/**
 * Stores a group of submissions with one call of store_submissions (store-submissions.sql.ts), if the retro
 * still collects feedback: claims their view ids, inserts the items of the views that were new in
 * the order given (callers shuffle, so physical order says nothing about who sent what), adds their
 * people to the retro's one participation row (rewritten whole and sorted, so its version says who
 * took part, never who joined last), and marks the retro's items due for a mix. Returns the view
 * ids that were new, or null when the retro is not collecting. A claim lives until `expiresAt`.
 */
export async function storeSubmissions(
  trx: DbOrTrx,
  input: {
    teamId: string;
    retroId: string;
    expiresAt: Date;
    /** One per view id, no view twice. */
    submissions: readonly { viewId: string; userId: string }[];
    items: readonly SubmittedItem[];
  },
): Promise<Set<string> | null> {
  const { teamId, retroId, submissions, items } = input;
  const result = await sql<{ claimed: string[] | null }>`
    select store_submissions(
      ${teamId},
      ${retroId}::uuid,
      ${input.expiresAt}::timestamptz,
      ${submissions.map((s) => s.viewId)}::text[],
      ${submissions.map((s) => s.userId)}::text[],
      ${items.map(() => randomUUID())}::uuid[],
      ${items.map((i) => i.viewId)}::text[],
      ${items.map((i) => i.section)}::text[],
      ${items.map((i) => i.body)}::text[],
      ${items.map((i) => i.authorId)}::text[]
    ) as claimed
  `.execute(trx);
  const claimed = result.rows[0]?.claimed;
  return claimed ? new Set(claimed) : null;
}

export async function pruneViewSubmissions(db: DbOrTrx, now: Date): Promise<number> {
  const result = await db.deleteFrom('view_submissions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
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
