import { plural } from '../shared/text.js';
import { formatGap, formatNumber } from './kpi.js';

/** A value a KPI of the same series reached in an earlier retro of the channel. */
export interface KpiPoint {
  retroTitle: string;
  /** When that retro started: what labels the value when titles would not. */
  at: Date;
  value: number;
  unit: string;
}

/** What a KPI's line shows beside its own value: the earlier values of its series and its linked actions. */
export interface KpiHistory {
  /** Oldest first, at most the last few. */
  earlier: KpiPoint[];
  /** Action items linked to the series in the channel that are done or still open. */
  actions: { done: number; open: number };
}

export type TrendDirection = 'improving' | 'worsening' | 'flat';

export interface KpiTrend {
  direction: TrendDirection;
  /** current − previous, in the KPI's unit. */
  change: number;
}

/** How the value moved since the previous one, judged by the KPI's direction; null without a previous value. */
export function kpiTrend(
  previous: Pick<KpiPoint, 'value' | 'unit'> | undefined,
  current: { actual: number | null; unit: string; higherIsBetter: boolean },
): KpiTrend | null {
  if (!previous || current.actual === null) return null;
  // Values in another unit ("%" then "leads") do not compare.
  if (unitKey(previous.unit) !== unitKey(current.unit)) return null;
  const change = Number((current.actual - previous.value).toPrecision(12));
  if (change === 0) return { direction: 'flat', change };
  return { direction: change > 0 === current.higherIsBetter ? 'improving' : 'worsening', change };
}

function unitKey(unit: string): string {
  return unit.trim().toUpperCase();
}

/**
 * The trend in words, plain text (the unit is user text): "improving, $24 better than last time",
 * "worsening, 3 percentage points worse than last time", "flat, same as last time".
 */
export function trendWords(trend: KpiTrend, unit: string): string {
  if (trend.direction === 'flat') return 'flat, same as last time';
  const better = trend.direction === 'improving' ? 'better' : 'worse';
  return `${trend.direction}, ${formatGap(trend.change, unit)} ${better} than last time`;
}

/** "2 linked actions: 1 done, 1 open"; null when none is linked. */
export function linkedActionsWords(actions: KpiHistory['actions']): string | null {
  const total = actions.done + actions.open;
  if (total === 0) return null;
  return `${plural(total, 'linked action')}: ${actions.done} done, ${actions.open} open`;
}

/** Titles label the values when they are short and tell the retros apart ("Q1", "October"); else dates do. */
const SHORT_TITLE = 16;

export function labelsByTitle(titles: readonly string[]): boolean {
  const trimmed = titles.map((t) => t.trim());
  const distinct = new Set(trimmed.map((t) => t.toLowerCase()));
  return trimmed.every((t) => t.length > 0 && t.length <= SHORT_TITLE) && distinct.size === trimmed.length;
}

/** A series value as shown: "$212". */
export function pointValue(point: Pick<KpiPoint, 'value' | 'unit'>): string {
  return formatNumber(point.value, point.unit);
}
