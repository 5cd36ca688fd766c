import type { Phase } from './phases.js';

/**
 * While feedback is collected, the card's counts must not move a second after each submission: a watcher
 * would learn how many items the person who just pressed Submit wrote. They move when at least
 * `COUNT_STEP` more people have contributed since the card last changed (the step covers several
 * submissions), or once no feedback has arrived for `QUIET_MS` (too long after anyone's press to say
 * whose it was). After the reveal every count is shown as it is.
 */
export const COUNT_STEP = 3;
export const QUIET_MS = 10 * 60_000;

export interface Counts {
  contributors: number;
  items: number;
}

export interface ShownCounts extends Counts {
  /** When feedback last arrived; null when none has. */
  activityAt: Date | null;
}

/** What the card shows now, and whether it shows less than is stored (so it must catch up later). */
export function countsToShow(
  phase: Phase,
  actual: Counts,
  shown: ShownCounts | null,
  now: Date,
): { counts: Counts; behind: boolean } {
  const all = { counts: actual, behind: false };
  if (phase !== 'collecting' || shown === null) return all;
  if (actual.contributors - shown.contributors >= COUNT_STEP) return all;
  if (shown.activityAt === null || now.getTime() - shown.activityAt.getTime() >= QUIET_MS) return all;
  const same = actual.contributors === shown.contributors && actual.items === shown.items;
  return { counts: { contributors: shown.contributors, items: shown.items }, behind: !same };
}
