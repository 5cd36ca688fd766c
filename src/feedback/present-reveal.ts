import { ACTIONS } from '../retro/card.ids.js';
import { groupBySection, type TemplateId } from '../retro/templates.js';
import { sourceRefValue } from '../shared/source-ref.js';
import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { plainText, section, titledSections } from '../slack/blocks.js';
import { type Message, toMessages } from '../slack/messages.js';
import { bold, inlineText, italic } from '../slack/mrkdwn.js';
import { recurrenceWords } from './present-recurrence.js';
import type { Recurrence } from './recurring-themes.js';

/** A feedback item as shown once revealed; `authorName` is null for anonymous items. */
export interface RevealedItem {
  id: string;
  section: string;
  body: string;
  authorName: string | null;
  /** Set when it came up in the channel's earlier retros. */
  recurrence?: Recurrence;
}

function itemLine(item: RevealedItem): string {
  const author = item.authorName === null ? '' : ` — ${italic(item.authorName)}`;
  const recurring = item.recurrence ? `\n     ${recurrenceWords(item.recurrence)}` : '';
  return `• ${inlineText(item.body)}${author}${recurring}`;
}

/** Past this many items the reveal lists them compactly, without a menu on each (Slack's block limits). */
const MAX_ITEMS_WITH_MENU = 150;

/** An item with its menu: dig into it with Five Whys, or make an action item of it. */
function itemWithMenu(item: RevealedItem): KnownBlock {
  const source = sourceRefValue({ type: 'item', id: item.id });
  const option = (text: string, value: string) => ({ text: plainText(text, 75), value });
  return {
    ...section(itemLine(item)),
    accessory: {
      type: 'overflow',
      action_id: ACTIONS.itemMenu,
      options: [option('Five Whys', `whys/${source}`), option('Add action item', `action/${source}`)],
    },
  };
}

/**
 * The reveal, posted in the retro's thread. `items` are already shuffled by the caller: the order within
 * each section is kept, and sections follow the template (items of unknown sections come last).
 */
export function presentReveal(input: {
  retroTitle: string;
  template: TemplateId;
  items: RevealedItem[];
}): Message[] {
  const blocks: KnownBlock[] = [
    section(`${bold(`Feedback for ${input.retroTitle}`)} — revealed. Anonymous items have no name.`),
  ];
  for (const s of groupBySection(input.template, input.items)) {
    const { items } = s;
    const heading = bold(s.emoji === null ? s.label : `${s.emoji} ${s.label}`, 'Other');
    if (items.length === 0) {
      blocks.push(section(`${heading} (0)\n_No items._`));
      continue;
    }
    if (input.items.length <= MAX_ITEMS_WITH_MENU) {
      blocks.push(section(`${heading} (${items.length})`), ...items.map(itemWithMenu));
      continue;
    }
    blocks.push(
      ...titledSections(`${heading} (${items.length})`, items.map(itemLine), `${heading} (continued)`),
    );
  }

  const title = input.retroTitle.trim() || 'the retro';
  return toMessages(
    blocks,
    `Feedback for ${title} — revealed: ${plural(input.items.length, 'item')}.`,
    `Feedback for ${title}, continued`,
  );
}
