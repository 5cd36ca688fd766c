import type { types } from '@slack/bolt';
import { truncate } from './mrkdwn.js';

/**
 * Slack's Block Kit limits (FACTS §4) and small helpers that keep every presenter inside them. Presenters
 * enforce the limits in code: a long retro is split or shortened, never rejected by Slack.
 */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  optionsPerElement: 100,
  modalTitle: 24,
  modalButton: 24,
  contextText: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  privateMetadata: 3000,
  /**
   * Slack rejects a message with `msg_blocks_too_long` once the blocks' combined text passes an undocumented
   * size (bolt-js#2509: about 13.2k characters; #2867: rejected at 11.3k of counted text). We measure the
   * blocks' JSON, which over-counts, and stay under this.
   */
  messageBlocksJson: 12_000,
} as const;

/**
 * Packs lines into chunks of at most `maxChars`, joined by '\n'. A single line longer than `maxChars` is
 * truncated; wholly empty chunks are dropped, so every chunk is valid section text.
 */
export function chunkLines(lines: string[], maxChars: number = LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current: string | null = null;
  for (const raw of lines) {
    const line = truncate(raw, maxChars);
    if (current !== null && current.length + 1 + line.length <= maxChars) {
      current = `${current}\n${line}`;
    } else {
      if (current !== null) chunks.push(current);
      current = line;
    }
  }
  if (current !== null) chunks.push(current);
  return chunks.filter((chunk) => chunk.trim() !== '');
}

export function plainText(text: string, max: number = LIMITS.sectionText): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

function mrkdwn(text: string, max: number = LIMITS.sectionText): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) };
}

/** A section with mrkdwn text, cut to Slack's 3000 characters. */
export function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text, LIMITS.sectionText) };
}

export function context(...texts: string[]): types.ContextBlock {
  return { type: 'context', elements: texts.slice(0, 10).map((t) => mrkdwn(t, LIMITS.contextText)) };
}

/**
 * Section blocks for a titled list: the heading opens the first block, and every later block (a long list
 * continues there, possibly in the next message) opens with `continuedHeading`, so no block is orphaned.
 */
export function titledSections(
  heading: string,
  lines: string[],
  continuedHeading = heading,
): types.SectionBlock[] {
  const room = LIMITS.sectionText - Math.max(heading.length, continuedHeading.length) - 1;
  const chunks = chunkLines(lines, room);
  if (chunks.length === 0) return [section(heading)];
  return chunks.map((chunk, index) => section(`${index === 0 ? heading : continuedHeading}\n${chunk}`));
}

/** The prefix of a menu option that stands for a button: `button:<action id>|<value>` (slack/router.ts). */
export const BUTTON_OPTION = 'button:';

/** A menu option's value (in an overflow menu) that does what the button `actionId` with `value` does. */
export function buttonOption(actionId: string, value: string): string {
  return `${BUTTON_OPTION}${actionId}|${value}`;
}
