import type { Phase } from '../retro/phases.js';

export type ActionStatus = 'open' | 'done' | 'cancelled';
export type ActionSource = 'item' | 'root_cause' | 'kpi' | 'manual';

/** The retro an action item came from, as far as following it up needs it. */
export interface ActionRetro {
  id: string;
  title: string;
  channelId: string;
  phase: Phase;
  createdBy: string;
  facilitatorIds: string[];
  cardTs: string | null;
}

export interface ActionItem {
  id: string;
  teamId: string;
  channelId: string;
  text: string;
  ownerId: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  status: ActionStatus;
  sourceType: ActionSource;
  sourceId: string | null;
  sourceLabel: string | null;
  /** A link to the Slack message the item was made from, when it was made from one. */
  sourceLink: string | null;
  /** The KPI the item is meant to move, by the name it last had in the channel; null for none. */
  kpiMetric?: string | null;
  createdBy: string;
  /** 'YYYY-MM-DD'; reminders skip the item until then. */
  snoozedUntil: string | null;
  createdAt: Date;
  updatedAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  dmChannelId: string | null;
  dmTs: string | null;
  retro: ActionRetro | null;
}

/** What a new action item is made of once its modal (or command) has been validated. */
export interface ActionDraft {
  text: string;
  ownerId: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
}

export const MAX_ACTION_TEXT = 300;

export function isOverdue(item: Pick<ActionItem, 'dueDate'>, today: string): boolean {
  return item.dueDate < today;
}

/** A page of a longer list: the first rows and how many there are in all. */
export interface ActionItemPage {
  items: ActionItem[];
  total: number;
}
