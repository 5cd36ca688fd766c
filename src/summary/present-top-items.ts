import type { KnownBlock } from '../slack/block-kit.js';
import { section, titledSections } from '../slack/blocks.js';
import { type Message, toMessages } from '../slack/messages.js';
import { bold } from '../slack/mrkdwn.js';
import { sectionBlocks, topItemLines } from './present-items.js';
import { overallTop, type Summary } from './summary.js';

/**
 * Posted in the thread when voting ends: the team's picks across sections first, then each section's
 * voted items, no authors. A section nobody voted on says so and ranks nothing; its items were in the
 * reveal just above.
 */
export function presentTopItems(input: { retroTitle: string; sections: Summary['sections'] }): Message[] {
  const title = bold(input.retroTitle, 'the retro');
  const top = overallTop(input.sections);
  const blocks: KnownBlock[] = [];
  if (top.length === 0) {
    blocks.push(section(`Voting is over for ${title}. Nobody voted, so no item is ranked.`));
  } else {
    blocks.push(
      ...titledSections(
        `Voting is over for ${title}. Top items:`,
        topItemLines(top),
        '*Top items* (continued)',
      ),
    );
    blocks.push(section('*By section*'));
    for (const s of input.sections) {
      const heading = bold(`${s.emoji} ${s.label}`, 'Other');
      blocks.push(...sectionBlocks(s, heading, `${heading} (continued)`, true, 0));
    }
  }
  const plainTitle = input.retroTitle.trim() || 'the retro';
  return toMessages(
    blocks,
    top.length === 0
      ? `Voting is over for ${plainTitle}. Nobody voted.`
      : `Voting is over for ${plainTitle}. Here are the top items.`,
    `Top items of ${plainTitle}`,
  );
}
