import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../db/database.js';
import type { Kpi } from '../kpi/kpi.js';
import type { Phase } from './phases.js';
import { type Retro, type RetroKpi, toRetro, toRetroKpi } from './retro.js';
import type { RetroKind, TemplateId } from './templates.js';

export interface NewRetro {
  teamId: string;
  channelId: string;
  title: string;
  kind: RetroKind;
  template: TemplateId;
  deadlineAt: Date;
  anonymousDefault: boolean;
  voteBudget: number;
  createdBy: string;
  facilitatorIds: string[];
  kpis: Kpi[];
  createdAt: Date;
}

const OPEN_PHASES: Phase[] = ['collecting', 'voting', 'discussing'];

/** Creates the retro and its KPIs; null when the channel already has an open retro. */
export async function createRetro(db: Db, input: NewRetro): Promise<Retro | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('retros')
      .values({
        id: randomUUID(),
        team_id: input.teamId,
        channel_id: input.channelId,
        title: input.title,
        kind: input.kind,
        template: input.template,
        phase: 'collecting',
        deadline_at: input.deadlineAt,
        anonymous_default: input.anonymousDefault,
        vote_budget: input.voteBudget,
        created_by: input.createdBy,
        facilitator_ids: input.facilitatorIds,
        card_ts: null,
        reminder_sent_at: null,
        revealed_at: null,
        closed_at: null,
        created_at: input.createdAt,
      })
      // The partial unique index allows one open retro per channel, even against concurrent starts.
      .onConflict((oc) =>
        // Literal predicate: Postgres matches it against the partial index when planning.
        oc
          .columns(['team_id', 'channel_id'])
          .where(sql<boolean>`phase in ('collecting', 'voting', 'discussing')`)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    if (input.kpis.length) {
      await trx
        .insertInto('retro_kpis')
        .values(
          input.kpis.map((kpi, position) => ({
            id: randomUUID(),
            team_id: input.teamId,
            retro_id: row.id,
            position,
            metric: kpi.metric,
            target: kpi.target,
            actual: kpi.actual,
            unit: kpi.unit,
            higher_is_better: kpi.higherIsBetter,
          })),
        )
        .execute();
    }
    return toRetro(row);
  });
}

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
    .orderBy(sql`phase in ('collecting', 'voting', 'discussing')`, 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRetro(row) : null;
}

export async function setCardTs(db: DbOrTrx, retroId: string, cardTs: string): Promise<void> {
  await db.updateTable('retros').set({ card_ts: cardTs }).where('id', '=', retroId).execute();
}

/**
 * Moves a retro from one phase to another only if it is still in `from`: of two facilitators
 * pressing the same button (or a double click), exactly one wins.
 */
export async function transitionPhase(
  db: DbOrTrx,
  retroId: string,
  from: Phase,
  to: Phase,
  now: Date,
): Promise<Retro | null> {
  const row = await db
    .updateTable('retros')
    .set({
      phase: to,
      ...(to === 'voting' ? { revealed_at: now } : {}),
      ...(to === 'closed' || to === 'cancelled' ? { closed_at: now } : {}),
    })
    .where('id', '=', retroId)
    .where('phase', '=', from)
    .returningAll()
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

export async function updateKpiActuals(
  db: Db,
  retroId: string,
  actuals: Map<string, number | null>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [kpiId, actual] of actuals) {
      await trx
        .updateTable('retro_kpis')
        .set({ actual })
        .where('retro_id', '=', retroId)
        .where('id', '=', kpiId)
        .execute();
    }
  });
}

export interface RetroCounts {
  contributors: number;
  items: number;
  voters: number;
}

export async function countRetro(db: DbOrTrx, retroId: string): Promise<RetroCounts> {
  const [contributors, items, voters] = await Promise.all([
    db
      .selectFrom('retro_participants')
      .select(sql<number>`count(*)::int`.as('n'))
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
export async function previousRetroActions(
  db: DbOrTrx,
  retro: Retro,
): Promise<{ done: number; open: number } | null> {
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
  return counts.done + counts.open === 0 ? null : counts;
}

/** Collecting retros whose deadline has passed, for the automatic move to voting. */
export async function listRetrosPastDeadline(db: DbOrTrx, now: Date): Promise<Retro[]> {
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('phase', '=', 'collecting')
    .where('deadline_at', '<=', now)
    .execute();
  return rows.map(toRetro);
}

export async function listParticipantIds(db: DbOrTrx, retroId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('retro_participants')
    .select('user_id')
    .where('retro_id', '=', retroId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Collecting retros that may need their one reminder (the caller decides which are due). */
export async function listRetrosAwaitingReminder(db: DbOrTrx, now: Date): Promise<Retro[]> {
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('phase', '=', 'collecting')
    .where('reminder_sent_at', 'is', null)
    .where('deadline_at', '>', now)
    .execute();
  return rows.map(toRetro);
}

/** Claims a retro's single reminder; of several copies of the bot, exactly one gets true. */
export async function claimReminder(db: DbOrTrx, retroId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('retros')
    .set({ reminder_sent_at: now })
    .where('id', '=', retroId)
    .where('reminder_sent_at', 'is', null)
    .where('phase', '=', 'collecting')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Locks the retro's row for the rest of the transaction and returns its phase (null when it does
 * not exist): a submission, a ballot and a phase change cannot interleave.
 */
export async function lockRetroPhase(trx: DbOrTrx, teamId: string, retroId: string): Promise<Phase | null> {
  const row = await trx
    .selectFrom('retros')
    .select('phase')
    .where('team_id', '=', teamId)
    .where('id', '=', retroId)
    .forUpdate()
    .executeTakeFirst();
  return row?.phase ?? null;
}
