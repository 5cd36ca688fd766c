import type { Phase } from '../retro/phases.js';
import { presentTransitionRefusal } from '../retro/present-phase.js';
import type { Retro } from '../retro/retro.js';
import type { ModalView } from '../slack/block-kit.js';
import { LIMITS, plainText, section } from '../slack/blocks.js';
import { bold } from '../slack/mrkdwn.js';
import { PHASE_CHANGE_IDS } from './phase-change.ids.js';
import type { PhaseChange } from './phase-change.js';

/** What the facilitator menu asks before it ends a retro (a menu option cannot carry Slack's confirmation). */
export function presentConfirmModal(retro: Retro, to: 'closed' | 'cancelled', metadata: string): ModalView {
  const close = to === 'closed';
  const text = close
    ? `Close ${bold(retro.title)}? The summary is posted in the channel for everyone, its action items are followed up, and the retro cannot be reopened.`
    : `Cancel ${bold(retro.title)}? The retro ends without a summary and nobody can add feedback or votes. This cannot be undone.`;
  return {
    type: 'modal',
    callback_id: PHASE_CHANGE_IDS.confirm[to],
    private_metadata: metadata,
    title: plainText(close ? 'Close this retro?' : 'Cancel this retro?', LIMITS.modalTitle),
    submit: plainText(close ? 'Close retro' : 'Cancel retro', LIMITS.modalButton),
    close: plainText(close ? 'Not yet' : 'Keep it', LIMITS.modalButton),
    blocks: [section(text)],
  };
}

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
