import { bold, inlineText } from '../slack/mrkdwn.js';
import { formatNumber, formatVariance, KPI_STATUS_EMOJI, type Kpi, kpiVariance } from './kpi.js';

/** "2,250 / 2,000 signups": a word unit is written once, symbols ($, %) stay on both numbers. */
function actualOverTarget(kpi: Kpi, actual: number): string {
  const unit = kpi.unit.trim();
  const bare = formatNumber(actual, '');
  const withUnit = formatNumber(actual, unit);
  const left = unit !== '' && withUnit === `${bare} ${unit}` ? bare : withUnit;
  return `${left} / ${formatNumber(kpi.target, unit)}`;
}

/**
 * One scorecard line, shared by the card and the summary: `✅ *Signups*: 2,250 / 2,000 signups (+12.5%)`,
 * or `⏳ *Press mentions*: not measured yet (target 15)`. Metric and unit are user text and are escaped.
 */
export function presentKpiLine(kpi: Kpi): string {
  const result = kpiVariance(kpi);
  const emoji = KPI_STATUS_EMOJI[result.status];
  const metric = bold(kpi.metric, 'KPI');
  if (kpi.actual === null) {
    return `${emoji} ${metric}: not measured yet (target ${inlineText(formatNumber(kpi.target, kpi.unit))})`;
  }
  const numbers = inlineText(actualOverTarget(kpi, kpi.actual));
  return `${emoji} ${metric}: ${numbers} (${inlineText(formatVariance(result, kpi.unit))})`;
}
