import type { KnownBlock } from '../slack/block-kit.js';
import {
  bold,
  fallbackText,
  inlineText,
  italic,
  plural,
  section,
  splitIntoMessages,
  titledSections,
} from '../slack/limits.js';
import type { Summary } from '../summary/summary.js';
import type { RevealedItem } from './retro.js';
import { sectionsOf, type TemplateId } from './templates.js';

type Message = { text: string; blocks: KnownBlock[] };

/** Gives every message a plain fallback; later ones say they continue the first. */
function toMessages(blocks: KnownBlock[], first: string, continued: string): Message[] {
  const parts = splitIntoMessages(blocks);
  return parts.map((part, index) => ({
    text: fallbackText(index === 0 ? first : `${continued} (part ${index + 1} of ${parts.length})`),
    blocks: part,
  }));
}

function itemLine(item: RevealedItem): string {
  const author = item.authorName === null ? '' : ` — ${italic(item.authorName)}`;
  return `• ${inlineText(item.body)}${author}`;
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
  const bySection = new Map<string, RevealedItem[]>();
  for (const item of input.items) {
    const list = bySection.get(item.section) ?? [];
    list.push(item);
    bySection.set(item.section, list);
  }
  const known = sectionsOf(input.template);
  const sections = [
    ...known.map((s) => ({ id: s.id, heading: `${s.emoji} ${s.label}` })),
    ...[...bySection.keys()]
      .filter((id) => !known.some((s) => s.id === id))
      .map((id) => ({ id, heading: id })),
  ];

  const blocks: KnownBlock[] = [
    section(`${bold(`Feedback for ${input.retroTitle}`)} — revealed. Anonymous items have no name.`),
  ];
  for (const s of sections) {
    const items = bySection.get(s.id) ?? [];
    const heading = bold(s.heading, 'Other');
    if (items.length === 0) {
      blocks.push(section(`${heading} (0)\n_No items._`));
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
