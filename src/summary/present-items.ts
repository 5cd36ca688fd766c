import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { section, titledSections } from '../slack/blocks.js';
import { inlineText } from '../slack/mrkdwn.js';
import { NO_VOTES_IN_SECTION, type SummarySection, type TopItem } from './summary.js';

/** How many items of a section nobody voted on the summary lists as they are; the export lists all. */
const MAX_UNVOTED_SHOWN = 5;

/** "1. Brief sales earlier (4 votes) · 🌱 Start": the team's picks, with the section each is in. */
export function topItemLines(items: TopItem[]): string[] {
  return items.map(
    (item, i) =>
      `${i + 1}. ${inlineText(item.text)} (${plural(item.votes, 'vote')}) · ${item.emoji} ${inlineText(item.sectionLabel)}`,
  );
}

/**
 * A section's detail: its voted items ranked or, where nobody voted, a note and up to `unvotedShown` of
 * its items as they are (never numbered, never "0 votes", so they cannot pass for picks). While votes are
 * hidden (`votesCounted` false) the items are listed without the note.
 */
export function sectionBlocks(
  s: SummarySection,
  heading: string,
  continued: string,
  votesCounted: boolean,
  unvotedShown = MAX_UNVOTED_SHOWN,
): KnownBlock[] {
  if (s.total === 0) return [section(`${heading}\n_No items._`)];
  if (s.top.length > 0) {
    const lines = s.top.map(
      (item, i) => `${i + 1}. ${inlineText(item.text)} (${plural(item.votes, 'vote')})`,
    );
    return titledSections(heading, lines, continued);
  }
  const shown = s.unvoted.slice(0, unvotedShown).map((item) => `• ${inlineText(item.text)}`);
  const more = s.unvoted.length - shown.length;
  const lines = [
    ...(votesCounted ? [NO_VOTES_IN_SECTION] : []),
    ...shown,
    ...(more > 0 && shown.length > 0 ? [`_…and ${plural(more, 'more item')}._`] : []),
  ];
  return lines.length === 0 ? [section(heading)] : titledSections(heading, lines, continued);
}
