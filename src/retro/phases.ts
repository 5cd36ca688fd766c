export type Phase = 'collecting' | 'voting' | 'discussing' | 'closed' | 'cancelled';

/** The phases in which a retro is open; one channel has at most one retro in them. */
export const OPEN_PHASES = ['collecting', 'voting', 'discussing'] as const satisfies readonly Phase[];

/**
 * The phase in which feedback is added, edited or withdrawn, and the one in which ballots are cast.
 * Stated once: the retro guard's rules (retro.guard.ts) and the database functions that write them
 * (feedback/store-submissions.sql.ts, voting/replace-ballots.sql.ts) are built from these, so the
 * buttons, the modals and the writes cannot disagree about when.
 */
export const ACCEPTS_FEEDBACK = 'collecting' satisfies Phase;
export const ACCEPTS_BALLOTS = 'voting' satisfies Phase;

const FORWARD_ORDER: readonly Phase[] = ['collecting', 'voting', 'discussing', 'closed'];

/** Why a phase change is refused; the words are in present-phase.ts. */
export type TransitionRefusal =
  | { reason: 'already_closed' }
  | { reason: 'cancelled' }
  | { reason: 'already_in'; phase: Phase }
  | { reason: 'already_past'; phase: Phase }
  | { reason: 'skips_step'; from: Phase; next: Phase };

export type TransitionResult = { ok: true } | ({ ok: false } & TransitionRefusal);

export function isOpenPhase(p: Phase): boolean {
  return (OPEN_PHASES as readonly Phase[]).includes(p);
}

/** The phase the facilitator's "next" button leads to; null once the retro is over. */
export function nextPhase(p: Phase): Phase | null {
  if (!isOpenPhase(p)) return null;
  return FORWARD_ORDER[FORWARD_ORDER.indexOf(p) + 1] ?? null;
}

export function checkTransition(from: Phase, to: Phase): TransitionResult {
  if (from === 'closed') return { ok: false, reason: 'already_closed' };
  if (from === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (from === to) return { ok: false, reason: 'already_in', phase: from };
  // Closing early or cancelling is always allowed while open; skipping ahead a step (e.g. collecting →
  // discussing) is not, so nobody loses the vote by accident.
  if (to === 'closed' || to === 'cancelled') return { ok: true };
  if (nextPhase(from) === to) return { ok: true };
  if (FORWARD_ORDER.indexOf(to) < FORWARD_ORDER.indexOf(from))
    return { ok: false, reason: 'already_past', phase: to };
  return { ok: false, reason: 'skips_step', from, next: nextPhase(from) ?? 'closed' };
}
