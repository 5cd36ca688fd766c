import { ACTION_ITEM_IDS } from './action-items.ids.js';

const BLOCKS = ACTION_ITEM_IDS.blocks;
/** A nudge shows at most 15 items; more ids than this are not ours (and would not fit a modal's metadata). */
const MAX_NUDGE_ITEMS = 20;

/**
 * The message a button was pressed in, when it is one of ours to redraw in place: a weekly nudge (with
 * the items it shows) or an owner's DM about an item (with whoever handed the item over, as it says).
 */
export type PressedIn =
  | { kind: 'nudge'; channel: string; ts: string; itemIds: string[] }
  | { kind: 'dm'; channel: string; ts: string; handedBy?: string };

/**
 * Reads where a button was pressed from the parts of Slack's payload: the message's channel and ts and
 * the block ids it holds. Ephemeral messages and modals cannot be edited, and channel messages hold no
 * item buttons of ours: undefined.
 */
export function pressedMessage(where: {
  channel: string | undefined;
  ts: string | undefined;
  ephemeral: boolean;
  blockIds: readonly string[];
}): PressedIn | undefined {
  const { channel, ts } = where;
  if (!channel || !ts || where.ephemeral) return undefined;
  if (where.blockIds.includes(BLOCKS.nudge)) {
    const itemIds = where.blockIds
      .filter((id) => id.startsWith(BLOCKS.nudgeItem))
      .map((id) => id.slice(BLOCKS.nudgeItem.length))
      .slice(0, MAX_NUDGE_ITEMS);
    return { kind: 'nudge', channel, ts, itemIds };
  }
  if (!channel.startsWith('D')) return undefined;
  const from = where.blockIds.find((id) => id.startsWith(BLOCKS.dmFrom))?.slice(BLOCKS.dmFrom.length);
  return { kind: 'dm', channel, ts, ...(from && /^[UW][A-Z0-9]+$/.test(from) ? { handedBy: from } : {}) };
}

/** Whose items a `/retro actions` list shows (see present-open-actions.ts). */
export type ListScope =
  | { kind: 'mine' }
  | { kind: 'person'; userId: string }
  | { kind: 'channel'; channelId: string };

const SLACK_ID = /^[A-Z0-9]+$/;

/** The block id of an item's buttons in a list: the list's scope and the item. */
export function listBlockId(scope: ListScope, itemId: string): string {
  const whose =
    scope.kind === 'mine'
      ? 'mine'
      : scope.kind === 'person'
        ? `person.${scope.userId}`
        : `channel.${scope.channelId}`;
  return `${BLOCKS.list}${whose}:${itemId}`;
}

/** The list a button was pressed in, from its block id; undefined when it was pressed anywhere else. */
export function listScopeOf(blockId: string | undefined): ListScope | undefined {
  if (!blockId?.startsWith(BLOCKS.list)) return undefined;
  const [whose = '', id = ''] = blockId.slice(BLOCKS.list.length).split(':')[0]?.split('.') ?? [];
  if (whose === 'mine') return { kind: 'mine' };
  if (!SLACK_ID.test(id)) return undefined;
  if (whose === 'person') return { kind: 'person', userId: id };
  if (whose === 'channel') return { kind: 'channel', channelId: id };
  return undefined;
}
