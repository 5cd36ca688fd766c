import { ACTION_ITEM_IDS } from '../action-items/action-items.ids.js';
import { plural } from '../shared/text.js';
import type { ActionsBlock, Button, KnownBlock } from '../slack/block-kit.js';
import { context, section } from '../slack/blocks.js';
import { fallbackText } from '../slack/messages.js';
import { bold } from '../slack/mrkdwn.js';
import type { DueNudge, NudgeItem } from './follow-up.js';

/** Two blocks per item keeps the DM well inside Slack's 50 blocks. */
export const NUDGE_ITEMS_SHOWN = 15;

/** The weekly DM to an owner: each open item, overdue first, with its four buttons. */
export function presentNudge(nudge: DueNudge): { text: string; blocks: KnownBlock[] } {
  const overdue = nudge.items.filter((i) => i.overdue).length;
  const headline = `You have ${plural(nudge.openCount, 'open action item')}${overdue ? `, ${overdue} overdue` : ''}.`;
  const shown = nudge.items.slice(0, NUDGE_ITEMS_SHOWN);
  const blocks: KnownBlock[] = [section(`*Your weekly action items.* ${headline}`)];
  for (const item of shown) blocks.push(section(itemLine(item)), itemButtons(item));
  const more = nudge.openCount - shown.length;
  if (more > 0) blocks.push(context(`…and ${plural(more, 'more item')}: \`/retro actions\` lists them all.`));
  return { text: fallbackText(headline), blocks };
}

function itemLine(item: NudgeItem): string {
  const due = item.overdue ? `:warning: overdue since ${item.dueDate}` : `due ${item.dueDate}`;
  const from = item.retroTitle ? ` · from ${bold(item.retroTitle)}` : '';
  return `${bold(item.title)}\n${due} · <#${item.channelId}>${from}`;
}

function itemButtons(item: NudgeItem): ActionsBlock {
  const button = (actionId: string, label: string, style?: 'primary'): Button => ({
    type: 'button',
    action_id: actionId,
    value: item.id,
    text: { type: 'plain_text', text: label },
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `action_item_${item.id}`,
    elements: [
      button(ACTION_ITEM_IDS.actions.done, 'Done', 'primary'),
      button(ACTION_ITEM_IDS.actions.snooze, 'Snooze a week'),
      button(ACTION_ITEM_IDS.actions.reassign, 'Reassign'),
      button(ACTION_ITEM_IDS.actions.redate, 'Change due date'),
    ],
  };
}
