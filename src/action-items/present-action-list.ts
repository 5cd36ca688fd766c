import { plural } from '../shared/text.js';
import { chunkLines, section } from '../slack/blocks.js';
import { fallbackText, type Message, splitIntoMessages } from '../slack/messages.js';
import { dueDateToken, inlineText } from '../slack/mrkdwn.js';
import type { OpenAction } from './action-item.js';

export const ACTIONS_USAGE =
  'Mention one person to see their open action items, e.g. `/retro actions @maria` — or just `/retro actions` for yours.';

/** `/retro actions`: someone's open action items, overdue first (they sort first by due date). */
export function presentActionList(input: {
  ownerId: string;
  self: boolean;
  today: string;
  actions: OpenAction[];
}): Message {
  const whose = input.self ? 'You have' : `<@${input.ownerId}> has`;
  if (input.actions.length === 0) {
    const text = `${whose} no open action items. :tada:`;
    return { text: fallbackText(text), blocks: [section(text)] };
  }
  const overdue = input.actions.filter((a) => a.dueDate < input.today).length;
  const heading = `${whose} ${plural(input.actions.length, 'open action item')}${overdue ? `, ${overdue} overdue` : ''}:`;
  const lines = input.actions.map((a) => {
    const late = a.dueDate < input.today ? ' :warning: *overdue*' : '';
    const from = a.retroTitle ? ` · from _${inlineText(a.retroTitle)}_ in <#${a.channelId}>` : '';
    return `• ${inlineText(a.title)} — due ${dueDateToken(a.dueDate)}${late}${from}`;
  });
  const blocks = [section(heading), ...chunkLines(lines).map(section)];
  return { text: fallbackText(heading), blocks: splitIntoMessages(blocks)[0] ?? blocks };
}
