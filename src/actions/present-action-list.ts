import type { KnownBlock } from '../slack/block-kit.js';
import {
  chunkLines,
  escapeMrkdwn,
  fallbackText,
  oneLine,
  plural,
  section,
  splitIntoMessages,
} from '../slack/limits.js';
import { dueDateToken } from '../summary/present-summary.js';
import type { OpenAction } from './action-item.repository.js';

/** `/retro actions`: someone's open action items, overdue first (they sort first by due date). */
export function presentActionList(input: {
  ownerId: string;
  self: boolean;
  today: string;
  actions: OpenAction[];
}): {
  text: string;
  blocks: KnownBlock[];
} {
  const whose = input.self ? 'You have' : `<@${input.ownerId}> has`;
  if (input.actions.length === 0) {
    const text = `${whose} no open action items. :tada:`;
    return { text: fallbackText(text), blocks: [section(text)] };
  }
  const overdue = input.actions.filter((a) => a.dueDate < input.today).length;
  const heading = `${whose} ${plural(input.actions.length, 'open action item')}${overdue ? `, ${overdue} overdue` : ''}:`;
  const lines = input.actions.map((a) => {
    const late = a.dueDate < input.today ? ' :warning: *overdue*' : '';
    const from = a.retroTitle ? ` · from _${escapeMrkdwn(oneLine(a.retroTitle))}_ in <#${a.channelId}>` : '';
    return `• ${escapeMrkdwn(oneLine(a.title))} — due ${dueDateToken(a.dueDate)}${late}${from}`;
  });
  const blocks = [section(heading), ...chunkLines(lines).map(section)];
  return { text: fallbackText(heading), blocks: splitIntoMessages(blocks)[0] ?? blocks };
}
