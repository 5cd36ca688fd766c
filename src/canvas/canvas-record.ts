import type { ActionStatus } from '../action-items/action-item.js';
import type { KpiStatus } from '../retro/kpi.js';
import type { KpiPoint } from '../retro/kpi-series.js';

/** How an action item stands now, as the canvas shows it. */
export type ActionState = 'done' | 'open' | 'carried' | 'dropped';

/** An open item carried into a later retro reads as carried; a dropped one was cancelled. */
export function actionStateOf(status: ActionStatus, carriedToRetroId: string | null): ActionState {
  if (status === 'done') return 'done';
  if (status === 'cancelled') return 'dropped';
  return carriedToRetroId ? 'carried' : 'open';
}

/** One retro as its channel's canvas records it. Items carry no author: the canvas names nobody's feedback. */
export interface CanvasRetro {
  title: string;
  startedAt: Date;
  closedAt: Date | null;
  kpis: {
    metric: string;
    target: number;
    actual: number | null;
    unit: string;
    higherIsBetter: boolean;
    status: KpiStatus;
    /** The series' earlier values in the channel, oldest first. */
    earlier: KpiPoint[];
  }[];
  topItems: { text: string; votes: number; sectionLabel: string }[];
  chains: { problem: string; whys: string[]; rootCause: string | null }[];
  actions: { title: string; ownerId: string; dueDate: string; state: ActionState }[];
}

/** What one canvas holds at most: it is read in Slack, and edited whole at every change. */
export const CANVAS_LIMITS = { retros: 10, topItems: 3, chains: 5, whys: 5, actions: 20, kpis: 20 } as const;
