import { unescapeCommandText } from '../commands/parse-command.js';
import { type ActionDraft, MAX_ACTION_TEXT } from './action-item.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';
import { actionTextProblem } from './action-rules.js';
import { parseDueDate } from './due-date.js';

/**
 * `/retro action <text> [@owner] [due …]`. The command is registered with should_escape, so a mention
 * arrives as `<@U123|name>` (or `<@U123>`). Owner and due date may come in either order at the end. What
 * cannot be read is never guessed: the result is then a partial draft for the modal, with hints keyed by
 * the modal's input blocks.
 */
export type ActionCommandResult =
  | { complete: true; draft: ActionDraft }
  | { complete: false; draft: PartialActionDraft; hints: Record<string, string> };

export interface PartialActionDraft {
  text: string;
  ownerId: string | null;
  dueDate: string | null;
}

const MENTION_AT_END = /(?:^|\s)<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*$/;
// The expression holds no angle brackets, so a mention after it is never read as part of the date.
const DUE_AT_END = /(?:^|\s)due\s+([^<>]+?)\s*$/i;
const PLAIN_MENTION = /(?:^|\s)@[\w.-]+/;

const BLOCKS = ACTION_ITEM_IDS.blocks;

/** `today` is 'YYYY-MM-DD' in the creator's time zone. */
export function parseActionCommand(rest: string, today: string): ActionCommandResult {
  let remaining = rest.trim();
  let ownerId: string | null = null;
  let dueText: string | null = null;
  let dueClause = '';
  for (let pass = 0; pass < 2; pass++) {
    const mention: RegExpExecArray | null = ownerId === null ? MENTION_AT_END.exec(remaining) : null;
    if (mention) {
      ownerId = mention[1] ?? null;
      remaining = remaining.slice(0, mention.index).trimEnd();
      continue;
    }
    const due: RegExpExecArray | null = dueText === null ? DUE_AT_END.exec(remaining) : null;
    if (!due) break;
    dueText = (due[1] ?? '').trim();
    dueClause = remaining.slice(due.index).trim();
    remaining = remaining.slice(0, due.index).trimEnd();
  }

  const hints: Record<string, string> = {};
  let dueDate: string | null = null;
  if (dueText !== null) {
    dueDate = parseDueDate(unescapeCommandText(dueText), today);
    if (dueDate === null) {
      // Kept in the action: it may have belonged to it ("check the due diligence").
      remaining = `${remaining} ${dueClause}`.trim();
      hints[BLOCKS.due] =
        `"${unescapeCommandText(dueText)}" is not a date I can read (try 2026-12-01, tomorrow, next friday, in 2 weeks): pick it here.`;
    } else if (dueDate < today) {
      hints[BLOCKS.due] = `${dueDate} is in the past: pick today or a later day.`;
      dueDate = null;
    }
  }

  const text = unescapeCommandText(remaining).trim();
  if (text.length > MAX_ACTION_TEXT) {
    hints[BLOCKS.text] =
      `The action had ${text.length} characters and was cut to ${MAX_ACTION_TEXT}: check how it ends.`;
  }
  if (ownerId === null && PLAIN_MENTION.test(text)) {
    hints[BLOCKS.owner] = 'Pick the owner here: the name in the command was not a Slack mention.';
  }

  if (
    ownerId !== null &&
    dueDate !== null &&
    actionTextProblem(text) === null &&
    Object.keys(hints).length === 0
  ) {
    return { complete: true, draft: { text, ownerId, dueDate } };
  }
  return {
    complete: false,
    draft: { text: text.slice(0, MAX_ACTION_TEXT), ownerId, dueDate },
    hints,
  };
}
