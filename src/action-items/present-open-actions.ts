import { plural } from '../shared/text.js';
import { fitGroups } from '../slack/block-groups.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { context, LIMITS, section } from '../slack/blocks.js';
import { fallbackText } from '../slack/messages.js';
import type { ActionItem } from './action-item.js';
import { isOverdue } from './action-item.js';
import { sortForFollowUp } from './action-rules.js';
import { actionWithButtons, type Message } from './present-action-item.js';
import { type ListScope, listBlockId } from './pressed-message.js';

/** Whose items `/retro actions [@user | all]` lists. */
export type ActionListScope = ListScope;

function heading(scope: ActionListScope, total: number, overdue: string): string {
  const late = overdue === '0' ? '' : `, ${overdue} overdue`;
  const count = plural(total, 'open action item');
  switch (scope.kind) {
    case 'mine':
      return total === 0 ? 'You have no open action items. :tada:' : `You have ${count}${late}:`;
    case 'person':
      return total === 0
        ? `<@${scope.userId}> has no open action items.`
        : `<@${scope.userId}> has ${count}${late}:`;
    case 'channel':
      return total === 0
        ? `No open action items from the retros in <#${scope.channelId}>.`
        : `${count} from the retros in <#${scope.channelId}>${late}:`;
  }
}

/**
 * The ephemeral `/retro actions` reply: open items overdue first, each with its buttons. `total` may be
 * larger than `items` (a page); whatever does not fit one message is counted in an "and K more" line.
 */
export function presentActionList(input: {
  scope: ActionListScope;
  items: readonly ActionItem[];
  total: number;
  today: string;
  /** What a button pressed in the list just did (mrkdwn), shown above it when it is redrawn. */
  notice?: string;
}): Message {
  const items = sortForFollowUp(input.items, input.today);
  const total = Math.max(input.total, items.length);
  const overdue = items.filter((item) => isOverdue(item, input.today)).length;
  // A page is soonest due first, so its overdue count is exact unless the whole page is overdue.
  const overdueText = overdue === items.length && total > items.length ? `${overdue}+` : String(overdue);
  const notice = input.notice ? [context(input.notice)] : [];
  const head = section(heading(input.scope, total, overdueText));
  if (items.length === 0) {
    return { text: fallbackText('No open action items.'), blocks: [...notice, head] };
  }

  const owner = input.scope.kind === 'channel';
  const groups = items.map((item) =>
    actionWithButtons(item, input.today, { owner, blockId: listBlockId(input.scope, item.id) }),
  );
  const rest =
    input.scope.kind === 'mine'
      ? 'Mark some done to see the rest.'
      : "Mark some done to see the rest, or list one person's: `/retro actions @someone`.";
  const note = (more: number) => context(`…and ${more} more. ${rest}`);
  const { blocks, kept } = fitGroups(groups, {
    maxBlocks: LIMITS.messageBlocks,
    maxJsonChars: LIMITS.messageBlocksJson,
    // The note for `total` is at least as long as the one shown.
    fixed: [...notice, head, note(total)],
  });
  const more = total - kept;
  const tail: KnownBlock[] = more > 0 ? [note(more)] : [];
  return {
    text: fallbackText(plural(total, 'open action item')),
    blocks: [...notice, head, ...blocks, ...tail],
  };
}
