export type Phase = 'collecting' | 'voting' | 'discussing' | 'closed' | 'cancelled';

export const PHASE_LABELS: Record<Phase, string> = {
  collecting: 'Collecting feedback',
  voting: 'Voting',
  discussing: 'Discussing',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

const FORWARD_ORDER: readonly Phase[] = ['collecting', 'voting', 'discussing', 'closed'];

export type TransitionResult = { ok: true } | { ok: false; reason: string };

export function isOpenPhase(p: Phase): boolean {
  return p === 'collecting' || p === 'voting' || p === 'discussing';
}

/** The phase the facilitator's "next" button leads to; null once the retro is over. */
export function nextPhase(p: Phase): Phase | null {
  if (!isOpenPhase(p)) return null;
  return FORWARD_ORDER[FORWARD_ORDER.indexOf(p) + 1] ?? null;
}

const ALREADY_IN: Record<Phase, string> = {
  collecting: 'This retro is already collecting feedback.',
  voting: 'Voting has already started.',
  discussing: 'The discussion has already started.',
  closed: 'This retro is already closed.',
  cancelled: 'This retro has already been cancelled.',
};

export function checkTransition(from: Phase, to: Phase): TransitionResult {
  if (from === 'closed') return { ok: false, reason: 'This retro is already closed.' };
  if (from === 'cancelled') return { ok: false, reason: 'This retro has been cancelled.' };
  if (from === to) return { ok: false, reason: ALREADY_IN[from] };
  // Closing early or cancelling is always allowed while open; skipping ahead a step (e.g. collecting →
  // discussing) is not, so nobody loses the vote by accident.
  if (to === 'closed' || to === 'cancelled') return { ok: true };
  if (nextPhase(from) === to) return { ok: true };
  if (FORWARD_ORDER.indexOf(to) < FORWARD_ORDER.indexOf(from)) {
    return { ok: false, reason: alreadyPast(to) };
  }
  return {
    ok: false,
    reason: `This retro is ${PHASE_LABELS[from].toLowerCase()}; it has to move to ${PHASE_LABELS[nextPhase(from) ?? 'closed'].toLowerCase()} first.`,
  };
}

function alreadyPast(to: Phase): string {
  switch (to) {
    case 'collecting':
      return 'Feedback collection has already ended.';
    case 'voting':
      return 'Voting has already ended.';
    default:
      return `This retro has already moved past ${PHASE_LABELS[to].toLowerCase()}.`;
  }
}
