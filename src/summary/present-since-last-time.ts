import type { ReviewOutcome, SinceLastTime, SinceLastTimeCounts } from '../carry-over/review.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { titledSections } from '../slack/blocks.js';
import { inlineText } from '../slack/mrkdwn.js';

const MARKS: Record<ReviewOutcome | 'open', string> = {
  done: '✅',
  carried: '↪️',
  dropped: '✖️',
  open: '•',
};

const WORDS: Record<ReviewOutcome | 'open', string> = {
  done: 'done',
  carried: 'carried over',
  dropped: 'dropped',
  open: 'not reviewed',
};

/** "2 done, 1 carried over, 1 dropped, 1 not reviewed" (what did not happen is left out). */
export function sinceLastTimeCounts(counts: SinceLastTimeCounts): string {
  const parts: [number, string][] = [
    [counts.done, WORDS.done],
    [counts.carried, WORDS.carried],
    [counts.dropped, WORDS.dropped],
    [counts.notReviewed, WORDS.open],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
}

/**
 * What became of last time's open actions, reviewed at the start of this retro: the counts, then each
 * item with its owner. Nothing when the retro had none to review.
 */
export function sinceLastTimeBlocks(
  since: SinceLastTime | null,
  names: (userId: string) => string,
): KnownBlock[] {
  if (!since) return [];
  const heading = `*Since last time:* ${sinceLastTimeCounts(since.counts)}`;
  const lines = since.items.map((item) => {
    const state = item.outcome ?? 'open';
    return `${MARKS[state]} ${inlineText(item.text) || 'Untitled'} — ${names(item.ownerId)} · ${WORDS[state]}`;
  });
  return titledSections(heading, lines, '*Since last time* (continued)');
}

/** The same for the Markdown export; `text` is the export's own escaping of user text. */
export function sinceLastTimeMarkdown(
  since: SinceLastTime | null,
  names: (userId: string) => string,
  text: (typed: string) => string,
): string[] {
  if (!since) return [];
  const lines = since.items.map((item) => {
    const state = item.outcome ?? 'open';
    const box = state === 'done' ? '[x]' : '[ ]';
    return `- ${box} ${text(item.text)} — ${names(item.ownerId)} (${WORDS[state]})`;
  });
  return ['## Since last time', '', `${sinceLastTimeCounts(since.counts)}.`, '', ...lines, ''];
}
