import type { RetroKpi } from '../retro/retro.js';

/** A series of the channel's earlier retros, under the name it last had. */
export interface EarlierSeries {
  seriesKey: string;
  metric: string;
}

/**
 * KPIs of the retro that start a series of their own (none of the channel's earlier retros had it), each
 * with the earlier series it may continue instead: those no KPI of this retro already follows. A renamed
 * KPI ("Cost per acquisition", once "CAC") is linked this way.
 */
export function linkableKpis(
  kpis: readonly RetroKpi[],
  earlier: readonly EarlierSeries[],
): { kpi: RetroKpi; choices: EarlierSeries[] }[] {
  const earlierKeys = new Set(earlier.map((s) => s.seriesKey));
  const used = new Set(kpis.map((kpi) => kpi.seriesKey));
  const choices = earlier.filter((s) => !used.has(s.seriesKey));
  if (choices.length === 0) return [];
  return kpis
    .filter((kpi) => kpi.seriesKey !== undefined && !earlierKeys.has(kpi.seriesKey))
    .map((kpi) => ({ kpi, choices }));
}

export type SeriesLinkCheck =
  | { ok: true; links: Map<string, string> }
  | { ok: false; problems: Map<string, string> };

/**
 * The links picked in the form (KPI id → series key, absent when none was picked), checked against what
 * the form could offer: a value that names no such series (a forged one) or a series picked twice is a
 * problem of that KPI's field.
 */
export function checkSeriesLinks(
  kpis: readonly RetroKpi[],
  earlier: readonly EarlierSeries[],
  picked: ReadonlyMap<string, string>,
): SeriesLinkCheck {
  const offered = new Map(linkableKpis(kpis, earlier).map(({ kpi, choices }) => [kpi.id, choices]));
  const links = new Map<string, string>();
  const problems = new Map<string, string>();
  const taken = new Set<string>();
  for (const [kpiId, seriesKey] of picked) {
    const choices = offered.get(kpiId);
    if (!choices?.some((s) => s.seriesKey === seriesKey)) {
      problems.set(kpiId, 'That is not one of this channel’s earlier KPIs. Pick one from the list.');
    } else if (taken.has(seriesKey)) {
      problems.set(kpiId, 'Another KPI of this retro already continues that series.');
    } else {
      taken.add(seriesKey);
      links.set(kpiId, seriesKey);
    }
  }
  return problems.size > 0 ? { ok: false, problems } : { ok: true, links };
}
