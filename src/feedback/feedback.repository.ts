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

/** Inserts in the order given: callers shuffle, so physical order says nothing about who sent what. */
export async function insertItems(
  trx: DbOrTrx,
  input: { teamId: string; retroId: string; items: readonly ItemRow[] },
): Promise<void> {
  if (input.items.length === 0) return;
  await trx
    .insertInto('feedback_items')
    .values(
      input.items.map((item) => ({
        id: randomUUID(),
        team_id: input.teamId,
        retro_id: input.retroId,
        section: item.section,
        body: item.body,
        author_id: item.authorId,
      })),
    )
    .execute();
}

/**
 * Adds people to the retro's one participation row, kept sorted and free of repeats: the row is
 * rewritten whole, so its version says who took part, never who joined last.
 */
export async function addParticipants(
  trx: DbOrTrx,
  input: { teamId: string; retroId: string; userIds: readonly string[] },
): Promise<void> {
  const userIds = [...new Set(input.userIds)].sort();
  await sql`insert into retro_participation (retro_id, team_id, user_ids)
    values (${input.retroId}, ${input.teamId}, ${userIds}::text[])
    on conflict (retro_id) do update set user_ids = (
      select coalesce(array_agg(distinct u order by u), '{}'::text[])
      from unnest(retro_participation.user_ids || excluded.user_ids) as u
    )`.execute(trx);
}

/**
 * Claims modal submissions (Slack's view ids) so each is stored once, however often it is delivered;
 * returns the ids that were new. A claim lives a day: Slack's retries come within minutes.
 */
export async function claimViewSubmissions(
  trx: DbOrTrx,
  teamId: string,
  viewIds: readonly string[],
  expiresAt: Date,
): Promise<Set<string>> {
  if (viewIds.length === 0) return new Set();
  const rows = await trx
    .insertInto('view_submissions')
    .values(viewIds.map((view_id) => ({ team_id: teamId, view_id, expires_at: expiresAt })))
    .onConflict((oc) => oc.columns(['team_id', 'view_id']).doNothing())
    .returning('view_id')
    .execute();
  return new Set(rows.map((r) => r.view_id));
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
