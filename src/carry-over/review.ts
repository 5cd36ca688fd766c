import type { ActionStatus } from '../action-items/action-item.js';
import { isFacilitator, type RetroRoles } from '../retro/permissions.js';
import { isUuid } from '../shared/uuid.js';

/** What a review decided of one of last time's actions. */
export type ReviewOutcome = 'done' | 'carried' | 'dropped';

/**
 * One of last time's actions as its review shows it. Only the item's text, owner and first retro: the
 * review never reads where an item came from, so an action made from an anonymous item names nobody
 * but its owner.
 */
export interface ReviewEntry {
  itemId: string;
  text: string;
  ownerId: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  status: ActionStatus;
  doneBy: string | null;
  /** The title of the retro the item was first made in. */
  firstRetroTitle: string;
  outcome: ReviewOutcome | null;
  decidedBy: string | null;
}

/**
 * Where an entry stands: what the review decided, else what became of the item meanwhile (marked done
 * from its DM, deleted), else still to review.
 */
export type EntryState =
  | { kind: 'open' }
  | { kind: 'decided'; outcome: ReviewOutcome; by: string | null; elsewhere: boolean };

export function entryState(entry: ReviewEntry): EntryState {
  if (entry.outcome)
    return { kind: 'decided', outcome: entry.outcome, by: entry.decidedBy, elsewhere: false };
  if (entry.status === 'done') return { kind: 'decided', outcome: 'done', by: entry.doneBy, elsewhere: true };
  if (entry.status === 'cancelled') return { kind: 'decided', outcome: 'dropped', by: null, elsewhere: true };
  return { kind: 'open' };
}

/** Who may decide: the item's owner, or a facilitator of the retro that reviews it. */
export function mayDecide(ownerId: string, reviewing: RetroRoles, userId: string): boolean {
  return ownerId === userId || isFacilitator(reviewing, userId);
}

export interface SinceLastTimeCounts {
  done: number;
  carried: number;
  dropped: number;
  notReviewed: number;
}

export function countOutcomes(entries: readonly ReviewEntry[]): SinceLastTimeCounts {
  const counts: SinceLastTimeCounts = { done: 0, carried: 0, dropped: 0, notReviewed: 0 };
  for (const entry of entries) {
    const state = entryState(entry);
    if (state.kind === 'open') counts.notReviewed += 1;
    else counts[state.outcome] += 1;
  }
  return counts;
}

/** A button's value: the item and the reviewing retro. */
export function reviewValue(itemId: string, retroId: string): string {
  return `${itemId}/${retroId}`;
}

export function readReviewValue(value: string): { itemId: string; retroId: string } | null {
  const [itemId = '', retroId = '', ...rest] = value.split('/');
  return rest.length === 0 && isUuid(itemId) && isUuid(retroId) ? { itemId, retroId } : null;
}

/** What a retro's summary says of last time's actions: what its review made of each. */
export interface SinceLastTime {
  counts: SinceLastTimeCounts;
  /** In the review's order; a null outcome was not reviewed. */
  items: { text: string; ownerId: string; outcome: ReviewOutcome | null }[];
}

/** Null when the retro reviewed nothing (no open actions were left from before it). */
export function sinceLastTimeOf(entries: readonly ReviewEntry[]): SinceLastTime | null {
  if (entries.length === 0) return null;
  return {
    counts: countOutcomes(entries),
    items: entries.map((entry) => {
      const state = entryState(entry);
      return {
        text: entry.text,
        ownerId: entry.ownerId,
        outcome: state.kind === 'decided' ? state.outcome : null,
      };
    }),
  };
}
