import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { channelQueue, directMessage, type OutboxMessage, type RenderedCall } from '../outbox/index.js';
import { labelsByTitle } from '../retro/kpi-series.js';
import type { Retro } from '../retro/retro.js';
import { findRetro, kpiHistoryOf, listKpis } from '../retro/retro.service.js';
import { chartAltText } from './alt-text.js';
import type { ChartInput } from './chart-data.js';
import { chartSpec } from './chart-spec.js';
import { chartFilename, chartTitle, presentChartRefused } from './present-chart.js';
import { renderChart } from './render-chart.js';

const CHART_RENDERER = 'kpi-chart';
const CHART_REFUSED = 'kpi-chart-refused';

interface ChartJob {
  retroId: string;
}

/**
 * The KPI chart of a retro, into its thread: queued in the transaction of what calls for it as "the chart
 * of this retro", drawn when it is sent (the row holds no image), once per retro and occasion — the KPI
 * review once every KPI has its actual, and the close. None without KPIs.
 */
export async function chartUploads(
  db: DbOrTrx,
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId'>,
  occasion: 'review' | 'close' = 'close',
): Promise<OutboxMessage[]> {
  const kpis = await listKpis(db, retro.id);
  if (kpis.length === 0) return [];
  if (occasion === 'review' && kpis.some((kpi) => kpi.actual === null)) return [];
  const data: ChartJob = { retroId: retro.id };
  return [
    {
      teamId: retro.teamId,
      // The channel's queue: it goes after the summary queued before it.
      queue: channelQueue(retro.teamId, retro.channelId),
      method: 'chat.postMessage',
      payload: { args: {}, render: { renderer: CHART_RENDERER, data } },
      jobKey: occasion === 'close' ? `kpi-chart:${retro.id}` : `kpi-chart:${occasion}:${retro.id}`,
    },
  ];
}

/** What a chart is drawn from: the retro's KPIs and their series' earlier values, labelled as the summary labels them. */
async function chartInputOf(db: DbOrTrx, retro: Retro): Promise<ChartInput> {
  const [kpis, history] = await Promise.all([listKpis(db, retro.id), kpiHistoryOf(db, retro)]);
  const earlier = [...history.values()].flatMap((h) => h.earlier);
  const byTitle = labelsByTitle([...new Set([...earlier.map((p) => p.retroTitle), retro.title])]);
  const label = (title: string, at: Date) => (byTitle ? title.trim() : at.toISOString().slice(0, 10));
  return {
    retroTitle: retro.title,
    currentLabel: label(retro.title, retro.createdAt),
    kpis: kpis.map((kpi) => ({
      metric: kpi.metric,
      unit: kpi.unit,
      higherIsBetter: kpi.higherIsBetter,
      target: kpi.target,
      actual: kpi.actual,
      earlier: (history.get(kpi.id)?.earlier ?? []).map((p) => ({
        label: label(p.retroTitle, p.at),
        value: p.value,
        unit: p.unit,
      })),
    })),
  };
}

async function renderChartUpload(
  db: Db,
  job: { teamId: string; data: unknown },
): Promise<RenderedCall | undefined> {
  const retroId = (job.data as Partial<ChartJob> | null)?.retroId;
  if (typeof retroId !== 'string') return undefined;
  const retro = await findRetro(db, job.teamId, retroId);
  if (!retro) return undefined;
  const input = await chartInputOf(db, retro);
  if (input.kpis.length === 0) return undefined;
  const chart = await renderChart(chartSpec(input));
  return {
    method: 'files.uploadV2',
    args: {
      channel_id: retro.channelId,
      ...(retro.cardTs ? { thread_ts: retro.cardTs } : {}),
      file: chart.png,
      filename: chartFilename(retro.title),
      title: chartTitle(retro.title),
      alt_text: chartAltText(input),
    },
    onRefused: { handler: CHART_REFUSED, data: { retroId } },
  };
}

/** Slack would not take the chart: the summary is out already; the retro's creator hears it once. */
async function tellRefused(
  ctx: FeatureContext,
  db: Db,
  refused: { teamId: string; data: unknown; reason: string },
) {
  const retroId = (refused.data as Partial<ChartJob> | null)?.retroId;
  if (typeof retroId !== 'string') return;
  const retro = await findRetro(db, refused.teamId, retroId);
  if (!retro) return;
  const message = directMessage(
    retro.teamId,
    retro.createdBy,
    presentChartRefused(retro.title, refused.reason),
    {
      jobKey: `kpi-chart-refused:${retro.id}`,
    },
  );
  await ctx.outbox.enqueue(db, message);
  ctx.outbox.kick();
}

export function registerCharts(ctx: FeatureContext): void {
  ctx.outbox.renderer(CHART_RENDERER, renderChartUpload);
  ctx.outbox.onRefused(CHART_REFUSED, (db, refused) => tellRefused(ctx, db, refused));
}
