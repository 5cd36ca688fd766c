import { bold, inlineText } from '../slack/mrkdwn.js';
import { formatNumber, KPI_STATUS_EMOJI, type Kpi, kpiVariance, kpiVerdict } from './kpi.js';

/**
 * One scorecard line, shared by the card and the summary: actual against target, then the verdict in
 * words with the gap and the relative change, e.g.
 * `⚠️ *Win rate*: 19% vs target 22% · missed, 3 percentage points worse than target (−13.6% relative)`,
 * or `⏳ *Press mentions*: not measured yet (target 15)`. Metric and unit are user text and are escaped.
 */
export function presentKpiLine(kpi: Kpi): string {
  const emoji = KPI_STATUS_EMOJI[kpiVariance(kpi).status];
  const metric = bold(kpi.metric, 'KPI');
  const target = inlineText(formatNumber(kpi.target, kpi.unit));
  if (kpi.actual === null) return `${emoji} ${metric}: not measured yet (target ${target})`;
  const actual = inlineText(formatNumber(kpi.actual, kpi.unit));
  return `${emoji} ${metric}: ${actual} vs target ${target} · ${inlineText(kpiVerdict(kpi))}`;
}
