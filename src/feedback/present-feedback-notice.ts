import type { Retro } from '../retro/retro.js';
import { bold } from '../slack/mrkdwn.js';
import { presentNoticeModal } from '../slack/present-notice.js';

// Inline modal errors are plain text, so these have no formatting.
export const COLLECTION_ENDED =
  'Feedback collection has ended for this retro, so this was not saved. Your text is still here to copy.';
export const NOT_SAVED_TRY_AGAIN =
  'Sorry, we could not save your feedback just now. Your text is still here: press Submit again.';
export const ITEM_MOVED_ON = 'This item can no longer be edited: the retro has moved on.';

export function notCollectingText(retro: Pick<Retro, 'title' | 'phase'>): string {
  return `Feedback for ${bold(retro.title)} is closed: the retro has moved on to ${retro.phase === 'voting' ? 'voting' : 'the next step'}.`;
}

export function notChangeableText(retro: Pick<Retro, 'title' | 'phase'>): string {
  return `${notCollectingText(retro)} Items can only be changed while feedback is being collected.`;
}

export function presentForgedFeedbackModal() {
  return presentNoticeModal(
    'Not saved',
    'This form could not be verified, so nothing was saved. Open it again from the retro card.',
  );
}

export function presentCannotEditModal() {
  return presentNoticeModal(
    'Cannot edit',
    'This item can no longer be edited: it was withdrawn or the retro has moved on.',
  );
}
