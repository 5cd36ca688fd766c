import type { Kpi } from './kpi.js';
import type { KpiHistory } from './kpi-series.js';
import type { Phase } from './phases.js';
import type { RetroKpiRow, RetroRow } from './retro.table.js';
import type { RetroKind, TemplateId } from './templates.js';

export interface Retro {
  id: string;
  teamId: string;
  channelId: string;
  title: string;
  kind: RetroKind;
  template: TemplateId;
  phase: Phase;
  deadlineAt: Date | null;
  /** How long voting lasts once revealed; null: until a facilitator ends it. */
  votingHours: number | null;
  /** When voting ends by itself (set by the reveal). */
  votingDeadlineAt: Date | null;
  anonymousDefault: boolean;
  voteBudget: number;
  createdBy: string;
  /** Co-facilitators; the creator is a facilitator too (see permissions.ts). */
  facilitatorIds: string[];
  cardTs: string | null;
  createdAt: Date;
  /** When feedback was revealed (moved to voting); nothing of it leaves the retro before. */
  revealedAt: Date | null;
  closedAt: Date | null;
}

export interface RetroKpi extends Kpi {
  id: string;
  position: number;
  /** The series the KPI belongs to in its channel (kpi.ts `seriesKeyOf`, unless linked to a renamed one). */
  seriesKey?: string;
}

/** What the retro card (and `/retro status`) shows. Counts only: never who said what. */
export interface CardModel {
  retro: Retro;
  kpis: RetroKpi[];
  contributors: number;
  items: number;
  voters: number;
  /** Each KPI's earlier values and linked actions, by KPI id (kpi-series.ts). */
  kpiHistory?: ReadonlyMap<string, KpiHistory>;
  /** Action items of the previous retro in this channel, when it had any. */
  previousActions: {
    done: number;
    open: number;
    /** The first few still open, soonest due first. */
    openItems?: { text: string; ownerId: string; dueDate: string }[];
  } | null;
}

export function toRetro(row: RetroRow): Retro {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    title: row.title,
    kind: row.kind,
    template: row.template,
    phase: row.phase,
    deadlineAt: row.deadline_at,
    votingHours: row.voting_hours,
    votingDeadlineAt: row.voting_deadline_at,
    anonymousDefault: row.anonymous_default,
    voteBudget: row.vote_budget,
    createdBy: row.created_by,
    facilitatorIds: row.facilitator_ids,
    cardTs: row.card_ts,
    createdAt: row.created_at,
    revealedAt: row.revealed_at,
    closedAt: row.closed_at,
  };
}

export function toRetroKpi(row: RetroKpiRow): RetroKpi {
  return {
    id: row.id,
    position: row.position,
    metric: row.metric,
    target: row.target,
    actual: row.actual,
    unit: row.unit,
    higherIsBetter: row.higher_is_better,
    seriesKey: row.series_key,
  };
}
