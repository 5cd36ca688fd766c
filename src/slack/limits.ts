import type { types } from '@slack/bolt';
import type { KnownBlock } from './block-kit.js';

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

const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Shortens `text` to at most `max` UTF-16 units (Slack's count never exceeds that), ending with '…' when
 * cut. Never splits an emoji's surrogate pair or an `&amp;`-style entity.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  let head = text.slice(0, end);
  // A cut inside an escape sequence would show as a stray "&am".
  const partialEntity = /&(?:a|am|amp|l|lt|g|gt)?$/.exec(head);
  if (partialEntity) head = head.slice(0, partialEntity.index);
  return `${head.trimEnd()}${ELLIPSIS}`;
}

/** Slack's three control characters in mrkdwn (and in a message's `text`). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** User text on one line: a stray newline would break a list item. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** User text for mrkdwn: escaped and on one line. */
export function inlineText(text: string): string {
  return escapeMrkdwn(oneLine(text));
}

/** User text in bold: escaped, and asterisks dropped so they cannot end the bold early. */
export function bold(text: string, fallback = 'Untitled'): string {
  const inner = inlineText(text).replaceAll('*', '').trim();
  return `*${inner === '' ? fallback : inner}*`;
}

/** User text in italics: escaped, and underscores dropped so they cannot end the italics early. */
export function italic(text: string, fallback = 'Unknown'): string {
  const inner = inlineText(text).replaceAll('_', ' ').trim();
  return `_${inner === '' ? fallback : inner}_`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

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

/** The JSON size Slack weighs against its undocumented per-message cap. */
export function blockJsonLength(block: KnownBlock): number {
  return JSON.stringify(block).length;
}

/**
 * Splits blocks into messages of at most `maxBlocks` blocks whose JSON stays within `maxJsonChars`
 * (see LIMITS.messageBlocksJson). Order is kept; a block is never split.
 */
export function splitIntoMessages(
  blocks: KnownBlock[],
  maxBlocks: number = LIMITS.messageBlocks,
  maxJsonChars: number = LIMITS.messageBlocksJson,
): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    const blockSize = blockJsonLength(block);
    if (current.length > 0 && (current.length >= maxBlocks || size + blockSize > maxJsonChars)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += blockSize;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

function isoUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A `<!date^…>` token, so every reader sees the time in their own time zone. The fallback (shown where
 * tokens are not rendered, e.g. notifications) is UTC, like `2026-11-25 17:00 UTC`.
 */
export function slackDate(
  date: Date,
  format = '{date_short_pretty} at {time}',
  fallback: string = isoUtc(date),
): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${format}|${fallback}>`;
}

export function plainText(text: string, max: number = LIMITS.sectionText): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): types.MrkdwnElement {
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

/** Plain-text fallback for a message's `text` (Slack parses it like mrkdwn, so it is escaped too). */
export function fallbackText(text: string): string {
  return truncate(escapeMrkdwn(oneLine(text)), LIMITS.sectionText) || 'Rearview';
}

/**
 * Keeps as many leading `blocks` as fit in one message (block count and JSON size) followed by `tail`;
 * when some had to be left out, `note` goes between them.
 */
export function fitInOneMessage(
  blocks: KnownBlock[],
  tail: KnownBlock[],
  note: KnownBlock,
  maxBlocks: number = LIMITS.messageBlocks,
  maxJsonChars: number = LIMITS.messageBlocksJson,
): KnownBlock[] {
  const size = (list: KnownBlock[]) => list.reduce((sum, b) => sum + blockJsonLength(b), 0);
  const all = [...blocks, ...tail];
  if (all.length <= maxBlocks && size(all) <= maxJsonChars) return all;
  const budget = maxJsonChars - size(tail) - blockJsonLength(note);
  const kept: KnownBlock[] = [];
  let used = 0;
  for (const block of blocks) {
    const next = blockJsonLength(block);
    if (kept.length + tail.length + 2 > maxBlocks || used + next > budget) break;
    kept.push(block);
    used += next;
  }
  return [...kept, note, ...tail];
}
