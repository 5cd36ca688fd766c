import { plural } from '../shared/text.js';
import { fitGroups } from '../slack/block-groups.js';
import type { ActionsBlock, KnownBlock } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { fallbackText } from '../slack/messages.js';
import { bold } from '../slack/mrkdwn.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';
import { dueDateToken, type Message } from './present-action-item.js';

const IDS = ACTION_ITEM_IDS;

/** Two blocks per item keeps the DM well inside Slack's 50 blocks. */
export const NUDGE_ITEMS_SHOWN = 15;

/** What became of an item a nudge lists, as its owner sees it. */
export type NudgeEntryState =
  /** `skips`: the nudge day a snooze leaves it out of, while the snooze lasts. */
  | { kind: 'open'; skips: string | null }
  | { kind: 'done'; by: string | null }
  | { kind: 'moved'; to: string }
  | { kind: 'deleted' };

export interface NudgeEntry {
  id: string;
  title: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  channelId: string;
  retroTitle: string | null;
  state: NudgeEntryState;
}

export interface WeeklyNudge {
  /** The owner's local date, 'YYYY-MM-DD': what "overdue" is measured against. */
  today: string;
  /** The owner's open items a nudge would list today, and how many of them are overdue. */
  openCount: number;
  overdueCount: number;
  /** The items it shows, soonest due first when it was sent; the same ones each time it is redrawn. */
  entries: NudgeEntry[];
}

/**
 * The weekly DM to an owner: each item, overdue first, with its four buttons while it is theirs and open;
 * once a button changed one, it shows what became of it (done, snoozed, moved on), in place.
 */
export function presentWeeklyNudge(nudge: WeeklyNudge): Message {
  const late = nudge.overdueCount ? `, ${nudge.overdueCount} overdue` : '';
  const headline =
    nudge.openCount === 0
      ? 'You have no open action items left. :tada:'
      : `You have ${plural(nudge.openCount, 'open action item')}${late}.`;
  const heading: KnownBlock = {
    ...section(`*Your weekly action items.* ${headline}`),
    block_id: IDS.blocks.nudge,
  };
  const groups = nudge.entries
    .slice(0, NUDGE_ITEMS_SHOWN)
    .map((entry): KnownBlock[] => [
      { ...section(entryLine(entry, nudge.today)), block_id: `${IDS.blocks.nudgeItem}${entry.id}` },
      ...(entry.state.kind === 'open' ? [itemButtons(entry.id)] : []),
    ]);
  const note = (more: number) =>
    context(`…and ${plural(more, 'more item')}: \`/retro actions\` lists them all.`);
  // Long titles can fill Slack's limits before the count does: as many items as fit, the rest counted.
  const { blocks: items, kept } = fitGroups(groups, {
    maxBlocks: LIMITS.messageBlocks,
    maxJsonChars: LIMITS.messageBlocksJson,
    fixed: [heading, note(Math.max(nudge.openCount, 1))],
  });
  const shown = nudge.entries.slice(0, kept);
  const listed = shown.filter((e) => e.state.kind === 'open' && e.state.skips === null).length;
  const more = nudge.openCount - listed;
  const blocks: KnownBlock[] = [heading, ...items, ...(more > 0 ? [note(more)] : [])];
  return { text: fallbackText(headline.replace(' :tada:', '')), blocks };
}

function entryLine(entry: NudgeEntry, today: string): string {
  const what = bold(entry.title);
  const { state } = entry;
  switch (state.kind) {
    case 'done':
      return `:white_check_mark: ${what}\nMarked done${state.by ? ` by <@${state.by}>` : ''}.`;
    case 'moved':
      return `${what}\nReassigned to <@${state.to}>: it is theirs now.`;
    case 'deleted':
      return `${what}\nThis action item was deleted.`;
    case 'open': {
      const due =
        entry.dueDate < today
          ? `:warning: overdue since ${dueDateToken(entry.dueDate)}`
          : `due ${dueDateToken(entry.dueDate)}`;
      const from = entry.retroTitle ? ` · from ${bold(entry.retroTitle)}` : '';
      const snoozed = state.skips
        ? `\n:zzz: Snoozed: left out of your weekly nudge of ${dueDateToken(state.skips)}.`
        : '';
      return `${what}\n${due} · <#${entry.channelId}>${from}${snoozed}`;
    }
  }
}

function itemButtons(itemId: string): ActionsBlock {
  const button = (actionId: string, label: string, style?: 'primary') => ({
    type: 'button' as const,
    action_id: actionId,
    value: itemId,
    text: plainText(label, LIMITS.buttonText),
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `action_item_${itemId}`,
    elements: [
      button(IDS.actions.done, 'Done', 'primary'),
      button(IDS.actions.snooze, 'Snooze a week'),
      button(IDS.actions.reassign, 'Reassign'),
      button(IDS.actions.redate, 'Change due date'),
    ],
  };
}
