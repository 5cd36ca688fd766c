import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, DbOrTrx } from '../db/database.js';
import { type Kpi, seriesKeyOf } from './kpi.js';
import type { KpiHistory } from './kpi-series.js';
import { OPEN_PHASES, type Phase } from './phases.js';
import { type CardModel, type Retro, type RetroKpi, toRetro, toRetroKpi } from './retro.js';

const wholeRetros = (db: DbOrTrx) => db.selectFrom('retros').selectAll();
type RetroQuery = ReturnType<typeof wholeRetros>;

/** Every read of whole retros goes through here, so a row becomes a `Retro` in one place. */
async function listRetros(db: DbOrTrx, narrow: (query: RetroQuery) => RetroQuery): Promise<Retro[]> {
  const rows = await narrow(wholeRetros(db)).execute();
  return rows.map(toRetro);
}

async function findOneRetro(db: DbOrTrx, narrow: (query: RetroQuery) => RetroQuery): Promise<Retro | null> {
  const [retro] = await listRetros(db, (query) => narrow(query).limit(1));
  return retro ?? null;
}

/** What `isFacilitator` (permissions.ts) says, in SQL: the creator counts even if left out of the list. */
function facilitatedBy(userId: string) {
  return (eb: ExpressionBuilder<Database, 'retros'>) =>
    eb.or([eb('retros.created_by', '=', userId), sql<boolean>`${userId} = any(retros.facilitator_ids)`]);
}

export function findRetro(db: DbOrTrx, teamId: string, retroId: string): Promise<Retro | null> {
  return findOneRetro(db, (q) => q.where('team_id', '=', teamId).where('id', '=', retroId));
}

export function findOpenRetroInChannel(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<Retro | null> {
  return findOneRetro(db, (q) =>
    q.where('team_id', '=', teamId).where('channel_id', '=', channelId).where('phase', 'in', OPEN_PHASES),
  );
}

/** The open retro, else the most recently created one (for `/retro export` after closing). */
export function findLatestRetroInChannel(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<Retro | null> {
  return findOneRetro(db, (q) =>
    q
      .where('team_id', '=', teamId)
      .where('channel_id', '=', channelId)
      .where('phase', '!=', 'cancelled')
      .orderBy(sql`phase in (${sql.join(OPEN_PHASES.map((p) => sql.lit(p)))})`, 'desc')
      .orderBy('created_at', 'desc'),
  );
}

/** Collecting retros whose deadline has passed, for the automatic move to voting. */
export function listRetrosPastDeadline(db: DbOrTrx, now: Date): Promise<Retro[]> {
  return listRetros(db, (q) => q.where('phase', '=', 'collecting').where('deadline_at', '<=', now));
}

/** Collecting retros that may need their one reminder (the caller decides which are due). */
export function listRetrosAwaitingReminder(db: DbOrTrx, now: Date): Promise<Retro[]> {
  return listRetros(db, (q) =>
    q.where('phase', '=', 'collecting').where('reminder_sent_at', 'is', null).where('deadline_at', '>', now),
  );
}

/** Voting retros whose voting deadline has passed, for the automatic move to discussion. */
export function listRetrosPastVotingDeadline(db: DbOrTrx, now: Date): Promise<Retro[]> {
  return listRetros(db, (q) => q.where('phase', '=', 'voting').where('voting_deadline_at', '<=', now));
}

/** Voting retros whose non-voters have not had their one reminder (the caller decides which are due). */
export function listRetrosAwaitingVotingReminder(db: DbOrTrx, now: Date): Promise<Retro[]> {
  return listRetros(db, (q) =>
    q
      .where('phase', '=', 'voting')
      .where('voting_reminder_sent_at', 'is', null)
      .where('voting_deadline_at', '>', now),
  );
}

/** Retros in discussion since before `since` whose facilitators have not been reminded to close them. */
export function listStaleDiscussions(db: DbOrTrx, since: Date): Promise<Retro[]> {
  return listRetros(db, (q) =>
    q
      .where('phase', '=', 'discussing')
      .where('discussing_at', '<=', since)
      .where('close_reminder_sent_at', 'is', null)
      .limit(200),
  );
}

/** Open retros the person runs: started them or was made a co-facilitator. */
export function listFacilitatedRetros(db: DbOrTrx, teamId: string, userId: string): Promise<Retro[]> {
  return listRetros(db, (q) =>
    q
      .where('team_id', '=', teamId)
      .where('phase', 'in', OPEN_PHASES)
      .where(facilitatedBy(userId))
      .orderBy('created_at', 'desc')
      .limit(20),
  );
}

/** Recent retros in the channels where the person has taken part in a retro. */
export function listRecentRetrosNear(
  db: DbOrTrx,
  teamId: string,
  userId: string,
  limit = 10,
): Promise<Retro[]> {
  const theirChannels = db
    .selectFrom('retros')
    .select('retros.channel_id')
    .where('retros.team_id', '=', teamId)
    .where((eb) =>
      eb.or([
        facilitatedBy(userId)(eb),
        eb.exists(
          eb
            .selectFrom('retro_participation')
            .select('retro_participation.retro_id')
            .whereRef('retro_participation.retro_id', '=', 'retros.id')
            .where(sql<boolean>`${userId} = any(retro_participation.user_ids)`),
        ),
      ]),
    );
  return listRetros(db, (q) =>
    q
      .where('team_id', '=', teamId)
      .where('phase', '!=', 'cancelled')
      .where('channel_id', 'in', theirChannels)
      .orderBy('created_at', 'desc')
      .limit(limit),
  );
}

/** Whether the person created or co-facilitated any retro in this workspace. */
export async function hasFacilitated(db: DbOrTrx, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('retros')
    .select('id')
    .where('team_id', '=', teamId)
    .where(facilitatedBy(userId))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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

/**
 * The KPIs a channel's next retro starts with: those of its latest retro that was not cancelled, with
 * their targets, units and directions, and no actuals yet (targets carry over unless changed).
 */
export async function carriedKpis(db: DbOrTrx, teamId: string, channelId: string): Promise<Kpi[]> {
  return (await carriedKpisFrom(db, teamId, channelId))?.kpis ?? [];
}

/** The same, with the title of the retro they come from; null when the channel had none with KPIs. */
export async function carriedKpisFrom(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<{ retroTitle: string; kpis: Kpi[] } | null> {
  const latest = await db
    .selectFrom('retros')
    .select(['id', 'title'])
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('phase', '!=', 'cancelled')
    .where((eb) => eb.exists(eb.selectFrom('retro_kpis').select('id').whereRef('retro_id', '=', 'retros.id')))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const kpis = await listKpis(db, latest.id);
  return {
    retroTitle: latest.title,
    kpis: kpis.map(({ metric, target, unit, higherIsBetter }) => ({
      metric,
      target,
      actual: null,
      unit,
      higherIsBetter,
    })),
  };
}

/** How many earlier values of a series a KPI's line shows. */
const EARLIER_SHOWN = 3;

/** Retros of the channel before this one that count for its series: started earlier, not cancelled. */
function earlierInChannel(retro: Pick<Retro, 'id' | 'teamId' | 'channelId' | 'createdAt'>) {
  return (eb: ExpressionBuilder<Database, 'retros'>) =>
    eb.and([
      eb('retros.team_id', '=', retro.teamId),
      eb('retros.channel_id', '=', retro.channelId),
      eb('retros.created_at', '<', retro.createdAt),
      eb('retros.id', '!=', retro.id),
      eb('retros.phase', '!=', 'cancelled'),
    ]);
}

/**
 * Each KPI's history, by KPI id: the values its series reached in the channel's earlier retros (oldest
 * first, the last few), and the series' linked actions made in the channel before the retro closed.
 */
export async function kpiHistoryOf(
  db: DbOrTrx,
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId' | 'createdAt' | 'closedAt'>,
): Promise<Map<string, KpiHistory>> {
  const kpis = await db
    .selectFrom('retro_kpis')
    .select(['id', 'series_key'])
    .where('retro_id', '=', retro.id)
    .execute();
  if (kpis.length === 0) return new Map();
  const keys = [...new Set(kpis.map((k) => k.series_key))];
  const [points, actions] = await Promise.all([
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('retro_kpis as k')
          .innerJoin('retros', 'retros.id', 'k.retro_id')
          .select([
            'k.series_key',
            'k.actual',
            'k.unit',
            'retros.title',
            'retros.created_at',
            sql<number>`row_number() over (partition by k.series_key order by retros.created_at desc, k.position)`.as(
              'recency',
            ),
          ])
          .where(earlierInChannel(retro))
          .where('k.team_id', '=', retro.teamId)
          .where('k.series_key', 'in', keys)
          .where('k.actual', 'is not', null)
          .as('p'),
      )
      .selectAll()
      .where('recency', '<=', EARLIER_SHOWN)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('action_items')
      .select([
        'kpi_series_key',
        sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
        sql<number>`count(*) filter (where status = 'open')::int`.as('open'),
      ])
      .where('team_id', '=', retro.teamId)
      .where('channel_id', '=', retro.channelId)
      .where('kpi_series_key', 'in', keys)
      .$if(retro.closedAt !== null, (q) => q.where('created_at', '<=', retro.closedAt as Date))
      .groupBy('kpi_series_key')
      .execute(),
  ]);
  const history = new Map<string, KpiHistory>();
  for (const kpi of kpis) {
    const linked = actions.find((a) => a.kpi_series_key === kpi.series_key);
    history.set(kpi.id, {
      earlier: points
        .filter((p) => p.series_key === kpi.series_key && p.actual !== null)
        .map((p) => ({ retroTitle: p.title, at: p.created_at, value: p.actual as number, unit: p.unit })),
      actions: { done: linked?.done ?? 0, open: linked?.open ?? 0 },
    });
  }
  return history;
}

/** The series of the channel's retros before this one, each under the name it last had (for linking a renamed KPI). */
export async function listEarlierSeries(
  db: DbOrTrx,
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId' | 'createdAt'>,
): Promise<{ seriesKey: string; metric: string }[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('retro_kpis as k')
        .innerJoin('retros', 'retros.id', 'k.retro_id')
        .distinctOn('k.series_key')
        .select(['k.series_key', 'k.metric', 'retros.created_at'])
        .where(earlierInChannel(retro))
        .where('k.team_id', '=', retro.teamId)
        .orderBy('k.series_key')
        .orderBy('retros.created_at', 'desc')
        .as('s'),
    )
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ seriesKey: r.series_key, metric: r.metric }));
}

/**
 * The series each metric of a channel's next retro continues: a metric typed as it was last time keeps
 * that KPI's series, even when a facilitator had linked it to an older name.
 */
export async function seriesKeysOfMetrics(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  metrics: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(metrics.map(seriesKeyOf))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('retro_kpis as k')
    .innerJoin('retros', 'retros.id', 'k.retro_id')
    .distinctOn(sql`lower(btrim(k.metric))`)
    .select([sql<string>`lower(btrim(k.metric))`.as('metric_key'), 'k.series_key'])
    .where('retros.team_id', '=', teamId)
    .where('retros.channel_id', '=', channelId)
    .where('retros.phase', '!=', 'cancelled')
    .where('k.team_id', '=', teamId)
    .where(sql<boolean>`lower(btrim(k.metric)) in (${sql.join(wanted)})`)
    .orderBy(sql`lower(btrim(k.metric))`)
    .orderBy('retros.created_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.metric_key, r.series_key]));
}

/** How many people have taken part: the one participation row lists them all. */
export async function countParticipants(db: DbOrTrx, retroId: string): Promise<number> {
  const row = await db
    .selectFrom('retro_participation')
    .select(sql<number>`coalesce(sum(cardinality(user_ids)), 0)::int`.as('n'))
    .where('retro_id', '=', retroId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface RetroCounts {
  contributors: number;
  items: number;
  voters: number;
}

export async function countRetro(db: DbOrTrx, retroId: string): Promise<RetroCounts> {
  const [contributors, items, voters] = await Promise.all([
    countParticipants(db, retroId),
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
  return { contributors, items: items.n, voters: voters.n };
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
