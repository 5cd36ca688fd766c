import { MAX_ITEM_LENGTH } from '../feedback/feedback-lines.js';
import { truncate } from '../slack/mrkdwn.js';

/** A message saved for a channel's next retro, seen only by the person who saved it. */
export interface Draft {
  id: string;
  teamId: string;
  channelId: string;
  userId: string;
  text: string;
  messageLink: string | null;
  createdAt: Date;
}

/**
 * A message's text as a draft: within one feedback item's limit, so it submits as it is. Slack sends a
 * message's text with its mentions and links in angle brackets; they stay, and are escaped when shown.
 */
export function draftText(messageText: string): string {
  return truncate(messageText.trim(), MAX_ITEM_LENGTH);
}
