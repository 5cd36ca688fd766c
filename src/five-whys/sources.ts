import { formatNumber, formatVariance, type Kpi, kpiVariance } from '../retro/kpi.js';
import { WHYS_LIMITS } from './whys.js';

/** What the Five Whys modal is pre-filled with, and the label its chain keeps of where it started. */
export interface WhysStart {
  problem: string;
  sourceLabel: string | null;
}

export function startFromKpi(kpi: Kpi): WhysStart {
  const result = kpiVariance(kpi);
  const actual = kpi.actual === null ? 'no actual yet' : formatNumber(kpi.actual, kpi.unit);
  const target = formatNumber(kpi.target, kpi.unit);
  const label = `${kpi.metric}: ${actual} against a target of ${target} (${formatVariance(result, kpi.unit)})`;
  return { problem: label.slice(0, WHYS_LIMITS.problem), sourceLabel: label };
}

/** A revealed feedback item: its text is the problem; the label names its section. */
export function startFromItem(sectionLabel: string, body: string): WhysStart {
  return {
    problem: body.slice(0, WHYS_LIMITS.problem),
    sourceLabel: `${sectionLabel}: ${body}`.slice(0, 1000),
  };
}

/** The card's Five Whys button: a problem the person states themselves. */
export function startFree(): WhysStart {
  return { problem: '', sourceLabel: null };
}
