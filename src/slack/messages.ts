import { oneLine } from '../shared/text.js';
import type { KnownBlock } from './block-kit.js';
import { LIMITS } from './blocks.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';

/** What every presenter of a message returns: a plain fallback and its blocks. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
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

/** Plain-text fallback for a message's `text` (Slack parses it like mrkdwn, so it is escaped too). */
export function fallbackText(text: string): string {
  return truncate(escapeMrkdwn(oneLine(text)), LIMITS.sectionText) || 'Rearview';
}

/** Gives every part of a split message a plain fallback; later ones say they continue the first. */
export function toMessages(blocks: KnownBlock[], first: string, continued: string): Message[] {
  const parts = splitIntoMessages(blocks);
  return parts.map((part, index) => ({
    text: fallbackText(index === 0 ? first : `${continued} (part ${index + 1} of ${parts.length})`),
    blocks: part,
  }));
}
