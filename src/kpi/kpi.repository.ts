import type { DbOrTrx } from '../db/database.js';

export async function updateKpiActual(
  db: DbOrTrx,
  retroId: string,
  kpiId: string,
  actual: number | null,
): Promise<void> {
  await db
    .updateTable('retro_kpis')
    .set({ actual })
    .where('retro_id', '=', retroId)
    .where('id', '=', kpiId)
    .execute();
}

/** Joins a KPI to an earlier series of its channel (a renamed KPI). */
export async function linkKpiToSeries(
  db: DbOrTrx,
  retroId: string,
  kpiId: string,
  seriesKey: string,
): Promise<void> {
  await db
    .updateTable('retro_kpis')
    .set({ series_key: seriesKey })
    .where('retro_id', '=', retroId)
    .where('id', '=', kpiId)
    .execute();
}
