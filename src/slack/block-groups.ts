import type { KnownBlock } from './block-kit.js';
import { blockJsonLength } from './messages.js';

/**
 * Keeps as many leading groups as fit next to `fixed` other blocks, never splitting a group (an item and
 * its buttons stay together). `maxJsonChars` is our guard for messages; views only count blocks.
 */
export function fitGroups(
  groups: readonly KnownBlock[][],
  room: { maxBlocks: number; maxJsonChars?: number; fixed?: readonly KnownBlock[] },
): { blocks: KnownBlock[]; kept: number } {
  const fixed = room.fixed ?? [];
  let blocksLeft = room.maxBlocks - fixed.length;
  let jsonLeft =
    (room.maxJsonChars ?? Number.POSITIVE_INFINITY) - fixed.reduce((n, b) => n + blockJsonLength(b), 0);
  const blocks: KnownBlock[] = [];
  let kept = 0;
  for (const group of groups) {
    const size = group.reduce((n, b) => n + blockJsonLength(b), 0);
    if (group.length > blocksLeft || size > jsonLeft) break;
    blocks.push(...group);
    blocksLeft -= group.length;
    jsonLeft -= size;
    kept++;
  }
  return { blocks, kept };
}
