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
