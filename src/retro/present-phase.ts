import type { Phase, TransitionRefusal } from './phases.js';

export const PHASE_LABELS: Record<Phase, string> = {
  collecting: 'Collecting feedback',
  voting: 'Voting',
  discussing: 'Discussing',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

const ALREADY_IN: Record<Phase, string> = {
  collecting: 'This retro is already collecting feedback.',
  voting: 'Voting has already started.',
  discussing: 'The discussion has already started.',
  closed: 'This retro is already closed.',
  cancelled: 'This retro has already been cancelled.',
};

/** A refused phase change, in the words the facilitator reads. */
export function presentTransitionRefusal(refusal: TransitionRefusal): string {
  switch (refusal.reason) {
    case 'already_closed':
      return 'This retro is already closed.';
    case 'cancelled':
      return 'This retro has been cancelled.';
    case 'already_in':
      return ALREADY_IN[refusal.phase];
    case 'already_past':
      if (refusal.phase === 'collecting') return 'Feedback collection has already ended.';
      if (refusal.phase === 'voting') return 'Voting has already ended.';
      return `This retro has already moved past ${PHASE_LABELS[refusal.phase].toLowerCase()}.`;
    case 'skips_step':
      return `This retro is ${PHASE_LABELS[refusal.from].toLowerCase()}; it has to move to ${PHASE_LABELS[refusal.next].toLowerCase()} first.`;
  }
}
