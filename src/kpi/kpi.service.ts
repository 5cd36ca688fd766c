import { chartUploads } from '../charts/charts.service.js';
import type { FeatureContext } from '../context.js';
import { cardEdit } from '../retro/card.service.js';
import type { Retro } from '../retro/retro.js';
import { linkKpiToSeries, updateKpiActual } from './kpi.repository.js';

/**
 * Saves every KPI actual of one form together, all of them or none, with the card's edit that shows them
 * and, once every KPI has its actual, the KPI chart in the retro's thread;
 * `links` (KPI id → series key) joins renamed KPIs to the earlier series they continue.
 */
export async function saveKpiActuals(
  ctx: Pick<FeatureContext, 'db' | 'outbox'>,
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId'>,
  actuals: ReadonlyMap<string, number | null>,
  links: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    for (const [kpiId, actual] of actuals) await updateKpiActual(trx, retro.id, kpiId, actual);
    for (const [kpiId, seriesKey] of links) await linkKpiToSeries(trx, retro.id, kpiId, seriesKey);
    await ctx.outbox.enqueue(trx, cardEdit(retro, 'now'));
    // Every actual in: the review gets its chart in the thread (once; the close posts the final one).
    await ctx.outbox.enqueue(trx, await chartUploads(trx, retro, 'review'));
  });
  ctx.outbox.kick();
}
