import { type Kpi, kpiVariance } from '../retro/kpi.js';

/** One retro as the history lists it: when it ran, and what came of its KPIs and its actions. */
export interface HistoryEntry {
  id: string;
  title: string;
  channelId: string;
  /** Still open (collecting, voting or discussing): it has no end yet. */
  open: boolean;
  startedAt: Date;
  endedAt: Date | null;
  /** KPIs with an actual, and those whose actual reached the target in the KPI's direction. */
  kpis: { met: number; reviewed: number };
  /** Action items made in the retro (deleted and dropped ones aside), and those done. */
  actions: { done: number; created: number };
  /** A link to the retro's card, where its thread and summary are. */
  link: string | null;
}

/** KPIs met of KPIs reviewed: a KPI without an actual was not reviewed. */
export function kpiFigures(kpis: readonly Kpi[]): HistoryEntry['kpis'] {
  const reviewed = kpis.map(kpiVariance).filter((v) => v.status !== 'pending');
  return { met: reviewed.filter((v) => v.status === 'met').length, reviewed: reviewed.length };
}
