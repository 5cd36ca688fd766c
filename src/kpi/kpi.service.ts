import type { Db } from '../db/database.js';
import { updateKpiActual } from './kpi.repository.js';

/** Saves every KPI actual of one form together: all of them or none. */
export async function saveKpiActuals(
  db: Db,
  retroId: string,
  actuals: ReadonlyMap<string, number | null>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [kpiId, actual] of actuals) await updateKpiActual(trx, retroId, kpiId, actual);
  });
}
