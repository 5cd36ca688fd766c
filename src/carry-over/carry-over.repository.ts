import { type Selectable, sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { Retro } from '../retro/retro.js';
import type { ActionReviewPostTable } from './carry-over.table.js';
import type { ReviewEntry, ReviewOutcome } from './review.js';

/**
 * The open items made in the channel's earlier retros (carried ones included: a carry keeps an item's
 * first retro, which is in this channel too), soonest due first, and how many there are in all. Only
 * the item and its first retro's title are read, never the feedback it came from.
 */
export async function listOpenEarlierItems(
  db: DbOrTrx,
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId'>,
  limit: number,
): Promise<{ ids: string[]; total: number }> {
  const rows = await db
    .selectFrom('action_items as a')
    .innerJoin('retros as r', 'r.id', 'a.retro_id')
    .select(['a.id', sql<number>`count(*) over ()::int`.as('total')])
    .where('a.team_id', '=', retro.teamId)
    .where('r.team_id', '=', retro.teamId)
    .where('r.channel_id', '=', retro.channelId)
    .where('a.retro_id', '!=', retro.id)
    .where('a.status', '=', 'open')
    .orderBy('a.due_date')
    .orderBy('a.title')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
}

/** How many of those the retro's review does not list (more than it shows, or made since). */
export async function countOpenEarlierUnlisted(
  db: DbOrTrx,
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId'>,
): Promise<number> {
  const row = await db
    .selectFrom('action_items as a')
    .innerJoin('retros as r', 'r.id', 'a.retro_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('a.team_id', '=', retro.teamId)
    .where('r.team_id', '=', retro.teamId)
    .where('r.channel_id', '=', retro.channelId)
    .where('a.retro_id', '!=', retro.id)
    .where('a.status', '=', 'open')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('action_reviews as v')
            .select('v.action_item_id')
            .where('v.retro_id', '=', retro.id)
            .whereRef('v.action_item_id', '=', 'a.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One row per item; a retried start adds none twice. */
export async function insertReviews(
  db: DbOrTrx,
  teamId: string,
  retroId: string,
  itemIds: readonly string[],
): Promise<void> {
  if (itemIds.length === 0) return;
  await db
    .insertInto('action_reviews')
    .values(itemIds.map((id) => ({ retro_id: retroId, action_item_id: id, team_id: teamId })))
    .onConflict((oc) => oc.columns(['retro_id', 'action_item_id']).doNothing())
    .execute();
}

/** The review's message, before Slack has it; true when this call made the row. */
export async function insertReviewPost(
  db: DbOrTrx,
  input: { teamId: string; retroId: string; channelId: string },
): Promise<boolean> {
  const rows = await db
    .insertInto('action_review_posts')
    .values({ retro_id: input.retroId, team_id: input.teamId, channel_id: input.channelId })
    .onConflict((oc) => oc.column('retro_id').doNothing())
    .returning('retro_id')
    .execute();
  return rows.length > 0;
}

export async function setReviewPostTs(
  db: DbOrTrx,
  teamId: string,
  retroId: string,
  ts: string,
): Promise<void> {
  await db
    .updateTable('action_review_posts')
    .set({ ts })
    .where('team_id', '=', teamId)
    .where('retro_id', '=', retroId)
    .execute();
}

export async function findReviewPost(
  db: DbOrTrx,
  teamId: string,
  retroId: string,
): Promise<{ channelId: string; ts: string | null } | null> {
  const row: Pick<Selectable<ActionReviewPostTable>, 'channel_id' | 'ts'> | undefined = await db
    .selectFrom('action_review_posts')
    .select(['channel_id', 'ts'])
    .where('team_id', '=', teamId)
    .where('retro_id', '=', retroId)
    .executeTakeFirst();
  return row ? { channelId: row.channel_id, ts: row.ts } : null;
}

function selectEntries(db: DbOrTrx, teamId: string, retroId: string) {
  return db
    .selectFrom('action_reviews as v')
    .innerJoin('action_items as a', 'a.id', 'v.action_item_id')
    .leftJoin('retros as r', 'r.id', 'a.retro_id')
    .select([
      'a.id',
      'a.title',
      'a.owner_id',
      'a.due_date',
      'a.status',
      'a.done_by',
      'r.title as first_retro_title',
      'v.outcome',
      'v.decided_by',
    ])
    .where('v.team_id', '=', teamId)
    .where('a.team_id', '=', teamId)
    .where('v.retro_id', '=', retroId);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

function toEntry(row: EntryRow): ReviewEntry {
  return {
    itemId: row.id,
    text: row.title,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    status: row.status,
    doneBy: row.done_by,
    firstRetroTitle: row.first_retro_title ?? '',
    outcome: row.outcome,
    decidedBy: row.decided_by,
  };
}

/** The items a retro reviews, in the order its message lists them. */
export async function listReviewEntries(
  db: DbOrTrx,
  teamId: string,
  retroId: string,
): Promise<ReviewEntry[]> {
  const rows = await selectEntries(db, teamId, retroId)
    .orderBy('a.due_date')
    .orderBy('a.title')
    .orderBy('a.id')
    .execute();
  return rows.map(toEntry);
}

/** One entry, its review row locked until the transaction ends, so two presses decide one after the other. */
export async function lockReviewEntry(
  trx: DbOrTrx,
  teamId: string,
  retroId: string,
  itemId: string,
): Promise<ReviewEntry | null> {
  const row = await selectEntries(trx, teamId, retroId)
    .where('v.action_item_id', '=', itemId)
    .forUpdate('v')
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

export async function recordOutcome(
  trx: DbOrTrx,
  input: { teamId: string; retroId: string; itemId: string; outcome: ReviewOutcome; by: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('action_reviews')
    .set({ outcome: input.outcome, decided_by: input.by, decided_at: input.at })
    .where('team_id', '=', input.teamId)
    .where('retro_id', '=', input.retroId)
    .where('action_item_id', '=', input.itemId)
    .where('outcome', 'is', null)
    .execute();
}

/**
 * Carries an open item into `retroId`: owner, due date, history and first retro stay; false when it was
 * not open any more.
 */
export async function carryItem(
  trx: DbOrTrx,
  input: { teamId: string; itemId: string; retroId: string; now: Date },
): Promise<boolean> {
  const row = await trx
    .updateTable('action_items')
    .set({ carried_to_retro_id: input.retroId, updated_at: input.now })
    .where('team_id', '=', input.teamId)
    .where('id', '=', input.itemId)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
