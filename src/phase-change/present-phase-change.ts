import type { Phase } from '../retro/phases.js';
import { presentTransitionRefusal } from '../retro/present-phase.js';
import type { PhaseChange } from './phase-change.js';

/** What only a facilitator may do, as the verb phrase of "Only the facilitators of … can …". */
export const FACILITATOR_ACTION: Partial<Record<Phase, string>> = {
  voting: 'reveal the feedback and start voting',
  discussing: 'end voting',
  closed: 'close the retro',
  cancelled: 'cancel the retro',
};

export function presentPhaseChangeRefusal(refusal: Extract<PhaseChange, { ok: false }>): string {
  return refusal.reason === 'moved_on'
    ? 'This retro has just moved on; the card shows where it is now.'
    : presentTransitionRefusal(refusal);
}
