import type { ModalView } from './block-kit.js';
import { LIMITS, plainText, section } from './blocks.js';
import type { Message } from './messages.js';
import { truncate } from './mrkdwn.js';

/**
 * A one-section message, e.g. "This retro is closed." `text` is mrkdwn: escape any user text in it first
 * (escapeMrkdwn), as onlyFacilitatorsMessage does.
 */
export function presentNotice(text: string): Message {
  const body = text.trim() === '' ? 'Something went wrong. Please try again.' : text;
  return { text: truncate(body, LIMITS.sectionText), blocks: [section(body)] };
}

/** A modal that only informs: no inputs, no submit, an "OK" to close it. `text` is mrkdwn, as above. */
export function presentNoticeModal(title: string, text: string): ModalView {
  const body = text.trim() === '' ? 'Something went wrong. Please try again.' : text;
  return {
    type: 'modal',
    title: plainText(title.trim() === '' ? 'Rearview' : title, LIMITS.modalTitle),
    close: plainText('OK', LIMITS.modalButton),
    blocks: [section(body)],
  };
}
