import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { Kpi } from '../retro/kpi.js';

export interface HistoryRetroRow {
  id: string;
  title: string;
  channelId: string;
  phase: string;
  createdAt: Date;
  closedAt: Date | null;
  cardTs: string | null;
}

/** A channel's latest retros (cancelled ones aside), newest first. */
export async function latestRetrosIn(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  limit: number,
): Promise<HistoryRetroRow[]> {
  const rows = await db
    .selectFrom('retros')
    .select(['id', 'title', 'channel_id', 'phase', 'created_at', 'closed_at', 'card_ts'])
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('phase', '!=', 'cancelled')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    channelId: r.channel_id,
    phase: r.phase,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    cardTs: r.card_ts,
  }));
}

/** The KPIs of some retros, by retro. */
export async function kpisOf(db: DbOrTrx, retroIds: readonly string[]): Promise<Map<string, Kpi[]>> {
  const byRetro = new Map<string, Kpi[]>();
  if (retroIds.length === 0) return byRetro;
  const rows = await db
    .selectFrom('retro_kpis')
    .select(['retro_id', 'metric', 'target', 'actual', 'unit', 'higher_is_better'])
    .where('retro_id', 'in', retroIds)
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byRetro.get(r.retro_id) ?? [];
    list.push({
      metric: r.metric,
      target: r.target,
      actual: r.actual,
      unit: r.unit,
      higherIsBetter: r.higher_is_better,
    });
    byRetro.set(r.retro_id, list);
  }
  return byRetro;
}

/** Action items made in some retros (deleted and dropped ones aside), done and in all, by retro. */
export async function actionCountsOf(
  db: DbOrTrx,
  retroIds: readonly string[],
): Promise<Map<string, { done: number; created: number }>> {
  if (retroIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('action_items')
    .select([
      'retro_id',
      sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
      sql<number>`count(*)::int`.as('created'),
    ])
    .where('retro_id', 'in', retroIds)
    .where('status', '!=', 'cancelled')
    .groupBy('retro_id')
    .execute();
  return new Map(rows.map((r) => [String(r.retro_id), { done: r.done, created: r.created }]));
}
