import { bold, inlineText, italic, slackDate } from '../slack/mrkdwn.js';
import { formatNumber, KPI_STATUS_EMOJI, type Kpi, kpiVariance, kpiVerdict } from './kpi.js';
import {
  type KpiHistory,
  kpiTrend,
  labelsByTitle,
  linkedActionsWords,
  pointValue,
  trendWords,
} from './kpi-series.js';

/**
 * One scorecard line, shared by the card and the summary: actual against target, then the verdict in
 * words with the gap and the relative change, e.g.
 * `⚠️ *Win rate*: 19% vs target 22% · missed, 3 percentage points worse than target (−13.6% relative)`,
 * or `⏳ *Press mentions*: not measured yet (target 15)`. Metric and unit are user text and are escaped.
 * With a history, a second line follows (see `presentKpiHistory`).
 */
export function presentKpiLine(kpi: Kpi, history?: KpiHistory, current?: CurrentRetro): string {
  const emoji = KPI_STATUS_EMOJI[kpiVariance(kpi).status];
  const metric = bold(kpi.metric, 'KPI');
  const target = inlineText(formatNumber(kpi.target, kpi.unit));
  const over = history && current ? presentKpiHistory(kpi, history, current) : null;
  const second = over ? `\n${over}` : '';
  if (kpi.actual === null) return `${emoji} ${metric}: not measured yet (target ${target})${second}`;
  const actual = inlineText(formatNumber(kpi.actual, kpi.unit));
  return `${emoji} ${metric}: ${actual} vs target ${target} · ${inlineText(kpiVerdict(kpi))}${second}`;
}

/** The retro a KPI line is about, to label its own value beside the earlier ones. */
export interface CurrentRetro {
  title: string;
  at: Date;
}

/**
 * The KPI over time, under its line: the earlier values labelled by their retros, then this one, the
 * trend since last time and the series' linked actions, e.g.
 * `     ↳ _Q1_: $230 → _Q2_: $212 → _Q3_: $188 · improving, $24 better than last time · 2 linked actions: 1 done, 1 open`.
 * Labels are the retros' titles when short and distinct, else their start dates in the reader's zone.
 * Null when there is nothing earlier and no linked action.
 */
export function presentKpiHistory(kpi: Kpi, history: KpiHistory, current: CurrentRetro): string | null {
  const actions = linkedActionsWords(history.actions);
  if (history.earlier.length === 0 && actions === null) return null;
  const parts: string[] = [];
  if (history.earlier.length > 0) {
    const points = [...history.earlier.map((p) => ({ title: p.retroTitle, at: p.at, value: pointValue(p) }))];
    if (kpi.actual !== null) {
      points.push({ title: current.title, at: current.at, value: formatNumber(kpi.actual, kpi.unit) });
    }
    const byTitle = labelsByTitle(points.map((p) => p.title));
    const label = (p: (typeof points)[number]) =>
      byTitle ? italic(p.title) : slackDate(p.at, '{date_short}', p.at.toISOString().slice(0, 10));
    const values = points.map((p) => `${label(p)}: ${inlineText(p.value)}`).join(' → ');
    parts.push(kpi.actual === null ? `Earlier: ${values}` : values);
    const trend = kpiTrend(history.earlier.at(-1), kpi);
    if (trend) parts.push(inlineText(trendWords(trend, kpi.unit)));
  }
  if (actions) parts.push(actions);
  return `     ↳ ${parts.join(' · ')}`;
}
