import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { context, section } from '../slack/blocks.js';
import { fallbackText, type Message } from '../slack/messages.js';
import { bold, dueDateToken, inlineText, slackDate } from '../slack/mrkdwn.js';
import type { ActionProgress } from './action-progress.js';
import type { Retro } from './retro.js';

function progressLine(progress: ActionProgress): string {
  const total = progress.done + progress.open;
  if (total === 0) return 'It left no action items.';
  if (progress.open === 0) {
    return total === 1 ? 'Its one action item is done.' : `All ${total} of its action items are done.`;
  }
  if (total === 1) return 'Its one action item is still open.';
  return `${progress.done} of ${plural(total, 'action item')} done, ${progress.open} still open.`;
}

/**
 * `/retro status` when the channel has no open retro but a closed one: that it is closed and when, its
 * card as it ended (`card`, without buttons), and how its action items are going.
 */
export function presentClosedStatus(retro: Retro, card: Message, progress: ActionProgress): Message {
  const when = retro.closedAt ? ` on ${slackDate(retro.closedAt, '{date_short_pretty}')}` : '';
  const open = progress.openItems.map(
    (item) => `\n• ${inlineText(item.text)} — <@${item.ownerId}>, due ${dueDateToken(item.dueDate)}`,
  );
  const rest = progress.open - progress.openItems.length;
  const blocks: KnownBlock[] = [
    section(`There is no open retro in this channel. The last one, ${bold(retro.title)}, closed${when}.`),
    ...card.blocks,
    section(
      `*Action items:* ${progressLine(progress)}${open.join('')}${rest > 0 ? `\n…and ${rest} more.` : ''}`,
    ),
    context('Start the next one with `/retro start &lt;title&gt;`.'),
  ];
  return {
    text: fallbackText(`There is no open retro in this channel. The last one, ${retro.title}, is closed.`),
    blocks,
  };
}
