import type { RetroKpi } from '../retro/retro.js';
import type { KpiChoice } from './present-action-item.js';

/** The retro's KPIs an item may be meant to move, one per series, in the scorecard's order. */
export function kpiChoicesOf(kpis: readonly RetroKpi[]): KpiChoice[] {
  const seen = new Set<string>();
  return [...kpis]
    .sort((a, b) => a.position - b.position)
    .flatMap((kpi) => {
      if (!kpi.seriesKey || seen.has(kpi.seriesKey)) return [];
      seen.add(kpi.seriesKey);
      return [{ seriesKey: kpi.seriesKey, metric: kpi.metric }];
    });
}

/**
 * The series an item is linked to: the KPI picked in the modal, which must be one of its retro's (a value
 * sent for anything else is refused), else the one it came from; null for none.
 */
export function kpiLinkOf(
  picked: string | undefined,
  choices: readonly KpiChoice[],
  cameFrom: string | null | undefined,
): { ok: true; seriesKey: string | null } | { ok: false; error: string } {
  if (picked === undefined) return { ok: true, seriesKey: cameFrom ?? null };
  return choices.some((c) => c.seriesKey === picked)
    ? { ok: true, seriesKey: picked }
    : { ok: false, error: 'Pick one of this retro’s KPIs, or none.' };
}
