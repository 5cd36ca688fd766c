import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { chunkLines, context, section } from '../slack/blocks.js';
import { fallbackText } from '../slack/messages.js';
import { bold, dueDateToken } from '../slack/mrkdwn.js';
import type { DigestSections } from './digest.js';
import type { DigestItemRow } from './follow-up.js';

/** Each list is cut here, so a busy channel's digest stays one readable message. */
export const DIGEST_ITEMS_PER_LIST = 10;

/**
 * The weekly digest of one channel's action items (posted there, or to the digest channel). Only the
 * owners of overdue items are mentioned: a weekly post that pings every owner in the channel teaches them
 * to ignore it. Dates are tokens, shown in each reader's own zone and words.
 */
export function presentDigest(
  channelId: string,
  week: DigestSections,
  postedElsewhere: boolean,
): { text: string; blocks: KnownBlock[] } {
  const summary = `${week.done.length} done this week, ${week.open.length + week.overdue.length} open, ${week.overdue.length} overdue`;
  const where = postedElsewhere ? ` in <#${channelId}>` : '';
  const blocks: KnownBlock[] = [section(`*Action items this week${where}:* ${summary}.`)];
  const list = (title: string, items: DigestItemRow[], line: (i: DigestItemRow) => string) => {
    if (items.length === 0) return;
    const lines = items.slice(0, DIGEST_ITEMS_PER_LIST).map((i) => `• ${line(i)}`);
    for (const chunk of chunkLines([`*${title}*`, ...lines])) blocks.push(section(chunk));
    if (items.length > DIGEST_ITEMS_PER_LIST) {
      blocks.push(context(`…and ${plural(items.length - DIGEST_ITEMS_PER_LIST, 'more')}.`));
    }
  };
  list(
    ':warning: Overdue',
    week.overdue,
    (i) => `${bold(i.title)} · <@${i.ownerId}> · was due ${dueDateToken(i.dueDate)}`,
  );
  list(
    ':hourglass_flowing_sand: Open',
    week.open,
    (i) => `${bold(i.title)} · due ${dueDateToken(i.dueDate)}`,
  );
  list(':white_check_mark: Done this week', week.done, (i) => bold(i.title));
  return { text: fallbackText(`Action items this week: ${summary}.`), blocks };
}
