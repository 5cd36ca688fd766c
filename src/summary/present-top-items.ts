import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { section, titledSections } from '../slack/blocks.js';
import { type Message, toMessages } from '../slack/messages.js';
import { bold, inlineText } from '../slack/mrkdwn.js';
import type { Summary } from './summary.js';

/** Posted in the thread when voting ends: the top items of each section with their votes, no authors. */
export function presentTopItems(input: { retroTitle: string; sections: Summary['sections'] }): Message[] {
  const blocks: KnownBlock[] = [
    section(`Voting is over for ${bold(input.retroTitle, 'the retro')}. Top items:`),
  ];
  for (const s of input.sections) {
    const heading = bold(`${s.emoji} ${s.label}`, 'Other');
    if (s.top.length === 0) {
      blocks.push(section(`${heading}\n_No items._`));
      continue;
    }
    const lines = s.top.map(
      (item, i) => `${i + 1}. ${inlineText(item.text)} (${plural(item.votes, 'vote')})`,
    );
    blocks.push(...titledSections(heading, lines, `${heading} (continued)`));
  }
  const title = input.retroTitle.trim() || 'the retro';
  return toMessages(blocks, `Voting is over for ${title}. Here are the top items.`, `Top items of ${title}`);
}
