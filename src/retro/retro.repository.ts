import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { OPEN_PHASES, type Phase } from './phases.js';
import { type CardModel, type Retro, type RetroKpi, toRetro, toRetroKpi } from './retro.js';

export async function findRetro(db: DbOrTrx, teamId: string, retroId: string): Promise<Retro | null> {
  const row = await db
    .selectFrom('retros')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', retroId)
    .executeTakeFirst();
  return row ? toRetro(row) : null;
}

export async function findOpenRetroInChannel(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<Retro | null> {
  const row = await db
    .selectFrom('retros')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('phase', 'in', OPEN_PHASES)
    .executeTakeFirst();
  return row ? toRetro(row) : null;
}

/** The open retro, else the most recently created one (for `/retro export` after closing). */
export async function findLatestRetroInChannel(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<Retro | null> {
  const row = await db
    .selectFrom('retros')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('phase', '!=', 'cancelled')
    .orderBy(sql`phase in (${sql.join(OPEN_PHASES.map((p) => sql.lit(p)))})`, 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRetro(row) : null;
}

export async function listKpis(db: DbOrTrx, retroId: string): Promise<RetroKpi[]> {
  const rows = await db
    .selectFrom('retro_kpis')
    .selectAll()
    .where('retro_id', '=', retroId)
    .orderBy('position')
    .execute();
  return rows.map(toRetroKpi);
}

export interface RetroCounts {
  contributors: number;
  items: number;
  voters: number;
}

export async function countRetro(db: DbOrTrx, retroId: string): Promise<RetroCounts> {
  const [contributors, items, voters] = await Promise.all([
    db
      .selectFrom('retro_participation')
      .select(sql<number>`coalesce(sum(cardinality(user_ids)), 0)::int`.as('n'))
      .where('retro_id', '=', retroId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('feedback_items')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('retro_id', '=', retroId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('votes')
      .select(sql<number>`count(distinct voter_id)::int`.as('n'))
      .where('retro_id', '=', retroId)
      .executeTakeFirstOrThrow(),
  ]);
  return { contributors: contributors.n, items: items.n, voters: voters.n };
}

/** Done/open action items of the retro before this one in the channel; null when it left none. */
export async function previousRetroActions(db: DbOrTrx, retro: Retro): Promise<CardModel['previousActions']> {
  const previous = await db
    .selectFrom('retros')
    .select('id')
    .where('team_id', '=', retro.teamId)
    .where('channel_id', '=', retro.channelId)
    .where('id', '!=', retro.id)
    .where('created_at', '<', retro.createdAt)
    .where('phase', '!=', 'cancelled')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!previous) return null;
  const counts = await db
    .selectFrom('action_items')
    .select([
      sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
      sql<number>`count(*) filter (where status = 'open')::int`.as('open'),
    ])
    .where('retro_id', '=', previous.id)
    .executeTakeFirstOrThrow();
  if (counts.done + counts.open === 0) return null;
  const open = await db
    .selectFrom('action_items')
    .select(['title', 'owner_id', 'due_date'])
    .where('retro_id', '=', previous.id)
    .where('status', '=', 'open')
    .orderBy('due_date')
    .orderBy('id')
    .limit(PREVIOUS_OPEN_SHOWN)
    .execute();
  return {
    ...counts,
    openItems: open.map((r) => ({ text: r.title, ownerId: r.owner_id, dueDate: r.due_date })),
  };
}

/** How many of the previous retro's open items its successor's card lists (the count says the rest). */
const PREVIOUS_OPEN_SHOWN = 5;

/**
 * Locks the retro's row for the rest of the transaction and returns its phase (null when it does not
 * exist). `share` lets submissions and ballots run side by side while keeping a phase change (which
 * updates the row) out until they commit; `update` excludes them all.
 */
export async function lockRetroPhase(
  trx: DbOrTrx,
  teamId: string,
  retroId: string,
  mode: 'update' | 'share' = 'update',
): Promise<Phase | null> {
  const query = trx
    .selectFrom('retros')
    .select('phase')
    .where('team_id', '=', teamId)
    .where('id', '=', retroId);
  const row = await (mode === 'share' ? query.forShare() : query.forUpdate()).executeTakeFirst();
  return row?.phase ?? null;
}
