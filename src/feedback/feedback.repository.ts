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
 * Stores a group of submissions in one statement, if the retro still collects feedback: claims
 * their view ids, inserts the items of the views that were new in the order given (callers shuffle,
 * so physical order says nothing about who sent what), adds their people to the retro's one
 * participation row (rewritten whole and sorted, so its version says who took part, never who
 * joined last), and marks the retro's items due for a mix. Returns the view ids that were new, or
 * null when the retro is not collecting. A claim lives until `expiresAt`.
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
  const result = await sql<{ collecting: boolean; claimed: string[] }>`
    with retro as (
      select id from retros
      where team_id = ${teamId} and id = ${retroId} and phase = 'collecting'
      for share
    ), claimed as (
      insert into view_submissions (team_id, view_id, expires_at)
      select ${teamId}, s.view_id, ${input.expiresAt}::timestamptz
      from unnest(${submissions.map((s) => s.viewId)}::text[]) as s (view_id), retro
      on conflict (team_id, view_id) do nothing
      returning view_id
    ), new_items as (
      insert into feedback_items (id, team_id, retro_id, section, body, author_id)
      select i.id, ${teamId}, ${retroId}, i.section, i.body, i.author_id
      from unnest(
        ${items.map(() => randomUUID())}::uuid[],
        ${items.map((i) => i.viewId)}::text[],
        ${items.map((i) => i.section)}::text[],
        ${items.map((i) => i.body)}::text[],
        ${items.map((i) => i.authorId)}::text[]
      ) with ordinality as i (id, view_id, section, body, author_id, n)
      where i.view_id in (select view_id from claimed)
      order by i.n
    ), joined as (
      select array_agg(distinct s.user_id collate "C" order by s.user_id collate "C") as user_ids
      from unnest(
        ${submissions.map((s) => s.viewId)}::text[],
        ${submissions.map((s) => s.userId)}::text[]
      ) as s (view_id, user_id)
      where s.view_id in (select view_id from claimed)
    ), participation as (
      insert into retro_participation (retro_id, team_id, user_ids)
      select ${retroId}, ${teamId}, joined.user_ids from joined where joined.user_ids is not null
      on conflict (retro_id) do update set user_ids = (
        select array_agg(distinct u collate "C" order by u collate "C")
        from unnest(retro_participation.user_ids || excluded.user_ids) as u
      )
      where not retro_participation.user_ids @> excluded.user_ids
    ), mix_due as (
      insert into retro_mix_due (retro_id, team_id)
      select ${retroId}, ${teamId} where exists (select 1 from claimed)
      on conflict (retro_id) do nothing
    )
    select exists (select 1 from retro) as collecting,
      coalesce((select array_agg(view_id) from claimed), '{}'::text[]) as claimed
  `.execute(trx);
  const row = result.rows[0];
  return row?.collecting ? new Set(row.claimed) : null;
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
