import type { ActionsBlock, InputBlock, KnownBlock, ModalView } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { fallbackText } from '../slack/messages.js';
import { bold, inlineText, italic, slackDate } from '../slack/mrkdwn.js';
import type { PartialActionDraft } from './action-command.js';
import { type ActionItem, isOverdue, MAX_ACTION_TEXT } from './action-item.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';
import { type ActionRefusal, skippedNudgeDay } from './action-rules.js';

const IDS = ACTION_ITEM_IDS;

/**
 * A due day as a `<!date^…>` token: each reader sees "today", "tomorrow" or the date in their own locale.
 * Noon UTC falls on the same calendar day in every time zone from UTC−12 to UTC+11.
 */
export function dueDateToken(dueDate: string): string {
  const noon = new Date(`${dueDate}T12:00:00Z`);
  if (Number.isNaN(noon.getTime())) return inlineText(dueDate);
  return slackDate(noon, '{date_short_pretty}', dueDate);
}

const SOURCE_KINDS: Record<ActionItem['sourceType'], string | null> = {
  root_cause: 'root cause',
  kpi: 'KPI',
  item: 'feedback',
  manual: null,
};

/** A link whose text is user text: escaped, and without the `|` that would end the link text. */
export function mrkdwnLink(url: string, text: string): string {
  return `<${url}|${inlineText(text).replaceAll('|', '¦').trim() || 'link'}>`;
}

/**
 * Where an item came from, in mrkdwn: its retro (linked when a link is known) and channel, and its source;
 * or the Slack message it was made from.
 */
export function actionSourceText(
  item: Pick<ActionItem, 'retro' | 'channelId' | 'sourceType' | 'sourceLabel'> & {
    sourceLink?: string | null;
  },
  link?: string,
): string {
  if (item.sourceLink) {
    const retro = item.retro ? ` · ${italic(item.retro.title, 'a retro')}` : '';
    return `From ${mrkdwnLink(item.sourceLink, 'a message')} in <#${item.channelId}>${retro}`;
  }
  const label = item.sourceLabel?.trim() ? inlineText(item.sourceLabel) : null;
  const kind = SOURCE_KINDS[item.sourceType];
  const what = label !== null && kind ? ` · ${kind}: ${label}` : '';
  if (item.retro === null) return `Made in <#${item.channelId}>${what}`;
  const retro = link ? mrkdwnLink(link, item.retro.title) : italic(item.retro.title, 'a retro');
  return `From ${retro} in <#${item.retro.channelId}>${what}`;
}

/** Done / Snooze a week / Reassign / Change due date; every value is the item id. */
export function actionButtons(itemId: string, blockId?: string): ActionsBlock {
  const button = (text: string, actionId: string, style?: 'primary') => ({
    type: 'button' as const,
    text: plainText(text, LIMITS.buttonText),
    action_id: actionId,
    value: itemId,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    ...(blockId ? { block_id: blockId } : {}),
    elements: [
      button('Done', IDS.actions.done, 'primary'),
      button('Snooze a week', IDS.actions.snooze),
      button('Reassign', IDS.actions.reassign),
      button('Change due date', IDS.actions.redate),
    ],
  };
}

/** One line about an open item: what, (whose,) when, and whether it is late. */
export function actionLine(
  item: ActionItem,
  today: string,
  options: { owner?: boolean; source?: boolean } = {},
): string {
  const late = isOverdue(item, today) ? ' :warning: *overdue*' : '';
  const owner = options.owner ? ` · <@${item.ownerId}>` : '';
  const source = options.source ? `\n${actionSourceText(item)}` : '';
  return `${bold(item.text)}${owner} · due ${dueDateToken(item.dueDate)}${late}${source}`;
}

/** An open item with its buttons, as listed in `/retro actions` and the App Home. */
export function actionWithButtons(
  item: ActionItem,
  today: string,
  options: { owner?: boolean; blockId?: string } = {},
): KnownBlock[] {
  return [
    section(actionLine(item, today, { owner: options.owner === true, source: true })),
    actionButtons(item.id, options.blockId),
  ];
}

/** What a button just did, at the top of the list it was pressed in (the list shows open items only). */
export function changedNotice(item: ActionItem, nudgeWeekday: number): string {
  const what = bold(item.text);
  if (item.status === 'done') return `:white_check_mark: Marked done: ${what}`;
  if (item.status === 'cancelled') return `This action item was deleted: ${what}`;
  if (item.snoozedUntil) {
    const skips = skippedNudgeDay(item.snoozedUntil, nudgeWeekday);
    return `:zzz: Snoozed: ${what} is left out of the weekly nudge of ${dueDateToken(skips)}`;
  }
  return `Changed: ${what}`;
}

function input(block: Omit<InputBlock, 'type'>): InputBlock {
  return { type: 'input', ...block };
}

function hintFor(hints: Record<string, string> | undefined, blockId: string, fallback?: string) {
  const hint = hints?.[blockId] ?? fallback;
  return hint === undefined ? {} : { hint: plainText(hint, LIMITS.inputHint) };
}

function textInput(text: string, hints?: Record<string, string>): InputBlock {
  return input({
    block_id: IDS.blocks.text,
    label: plainText('Action'),
    ...hintFor(hints, IDS.blocks.text, `What will be done, in up to ${MAX_ACTION_TEXT} characters.`),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      max_length: MAX_ACTION_TEXT,
      multiline: true,
      placeholder: plainText('e.g. Update the launch checklist with a legal review step', LIMITS.placeholder),
      ...(text.trim() ? { initial_value: text.slice(0, MAX_ACTION_TEXT) } : {}),
    },
  });
}

function ownerInput(ownerId: string | null, label: string, hints?: Record<string, string>): InputBlock {
  return input({
    block_id: IDS.blocks.owner,
    label: plainText(label),
    ...hintFor(hints, IDS.blocks.owner),
    element: {
      type: 'users_select',
      action_id: INPUT,
      placeholder: plainText('Pick a person', LIMITS.placeholder),
      ...(ownerId ? { initial_user: ownerId } : {}),
    },
  });
}

function dueInput(dueDate: string | null, hints?: Record<string, string>): InputBlock {
  return input({
    block_id: IDS.blocks.due,
    label: plainText('Due date'),
    ...hintFor(hints, IDS.blocks.due),
    element: {
      type: 'datepicker',
      action_id: INPUT,
      placeholder: plainText('Pick a day', LIMITS.placeholder),
      ...(dueDate ? { initial_date: dueDate } : {}),
    },
  });
}

/** A KPI an action item may be meant to move: its series (the value) and its name. */
export interface KpiChoice {
  seriesKey: string;
  metric: string;
}

function kpiInput(choices: KpiChoice[], picked: string | null): InputBlock {
  const options = choices.slice(0, LIMITS.optionsPerElement).map((c) => ({
    text: plainText(c.metric.trim() || 'KPI', LIMITS.optionText),
    value: c.seriesKey.slice(0, LIMITS.optionValue),
  }));
  const initial = options.find((o) => o.value === picked);
  return input({
    block_id: IDS.blocks.kpi,
    optional: true,
    label: plainText('Meant to move (KPI)'),
    hint: plainText('The next retros show, beside this KPI, whether its actions are done.', LIMITS.inputHint),
    element: {
      type: 'static_select',
      action_id: INPUT,
      placeholder: plainText('Pick a KPI', LIMITS.placeholder),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  });
}

function modal(
  callbackId: string,
  title: string,
  submit: string,
  metadata: string,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plainText(title, LIMITS.modalTitle),
    submit: plainText(submit, LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: metadata,
    blocks,
  };
}

/**
 * The create modal, pre-filled from a command or a source. `source` is mrkdwn (see actionSourceText);
 * `hints` (from parseActionCommand) show under their fields.
 */
export function presentActionModal(input: {
  draft: PartialActionDraft;
  hints?: Record<string, string>;
  source: string | null;
  /** The retro's KPIs, one per series, to pick the one the item is meant to move; `picked` is preselected. */
  kpis?: { choices: KpiChoice[]; picked: string | null };
  metadata: string;
}): ModalView {
  const blocks: KnownBlock[] = [
    textInput(input.draft.text, input.hints),
    ownerInput(input.draft.ownerId, 'Owner', input.hints),
    dueInput(input.draft.dueDate, input.hints),
  ];
  if (input.kpis?.choices.length) blocks.push(kpiInput(input.kpis.choices, input.kpis.picked));
  if (input.source) blocks.push(context(input.source));
  return modal(IDS.views.create, 'New action item', 'Create', input.metadata, blocks);
}

function itemContext(item: ActionItem): KnownBlock {
  return context(`${inlineText(item.text)}\nOwned by <@${item.ownerId}> · due ${dueDateToken(item.dueDate)}`);
}

export function presentReassignModal(input: { item: ActionItem; metadata: string }): ModalView {
  return modal(IDS.views.reassign, 'Reassign action item', 'Reassign', input.metadata, [
    itemContext(input.item),
    ownerInput(null, 'New owner'),
  ]);
}

export function presentRedateModal(input: { item: ActionItem; metadata: string }): ModalView {
  return modal(IDS.views.redate, 'Change due date', 'Save', input.metadata, [
    itemContext(input.item),
    dueInput(input.item.dueDate),
  ]);
}

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

export interface ActionDmOptions {
  recipientId: string;
  today: string;
  link?: string;
  /** Who handed the item to its owner, when the DM is about that (a reassignment, or its creator). */
  handedBy?: string;
  /** Who gave the item to someone else, for the previous owner's DM. */
  movedBy?: string;
  /** The workspace's nudge weekday (0 = Sunday), to say which weekly nudge a snooze skips. */
  nudgeWeekday?: number;
}

/** Who the owner has the item from: whoever handed it over, and its creator when that is someone else. */
function fromLine(item: ActionItem, handedBy: string | undefined): string {
  const created = item.createdBy === item.ownerId ? null : `<@${item.createdBy}>`;
  if (handedBy && handedBy !== item.ownerId) {
    const also = created && handedBy !== item.createdBy ? ` (created by ${created})` : '';
    return handedBy === item.createdBy
      ? `<@${handedBy}> gave you an action item`
      : `<@${handedBy}> handed this action item over to you${also}`;
  }
  return created ? `An action item for you, created by ${created}` : 'Your action item';
}

/**
 * The DM about an item, as its `recipientId` sees it now: with the four buttons while they own it and it is
 * open; otherwise what became of it (done, deleted, reassigned), without buttons.
 */
export function presentActionDm(item: ActionItem, options: ActionDmOptions): Message {
  const what = bold(item.text);
  const kpi = item.kpiMetric ? `\nMeant to move: ${bold(item.kpiMetric, 'a KPI')}` : '';
  const source = context(`${actionSourceText(item, options.link)}${kpi}`);
  if (item.status === 'done') {
    const by = item.doneBy ? ` by <@${item.doneBy}>` : '';
    const when = item.doneAt ? ` ${slackDate(item.doneAt, '{date_short_pretty}')}` : '';
    return {
      text: fallbackText(`Done: ${item.text}`),
      blocks: [section(`:white_check_mark: ${what}\nDone${by}${when}.`), source],
    };
  }
  if (item.status === 'cancelled') {
    return {
      text: fallbackText(`Deleted: ${item.text}`),
      blocks: [section(`${bold(item.text)}\nThis action item was deleted.`), source],
    };
  }
  if (item.ownerId !== options.recipientId) {
    const by = options.movedBy && options.movedBy !== item.ownerId ? ` by <@${options.movedBy}>` : '';
    return {
      text: fallbackText(`Reassigned: ${item.text}`),
      blocks: [
        section(
          `${what}\nMoved to <@${item.ownerId}>${by}: it is theirs now, due ${dueDateToken(item.dueDate)}.`,
        ),
        source,
      ],
    };
  }
  const late = isOverdue(item, options.today) ? ' :warning: *overdue*' : '';
  const heading = section(
    `${fromLine(item, options.handedBy)}:\n${what}\nDue ${dueDateToken(item.dueDate)}${late}${snoozeText(item, options)}`,
  );
  return {
    text: fallbackText(`Action item for you: ${item.text} (due ${item.dueDate})`),
    blocks: [
      // Keeps who handed it over, so the DM says it again when a button pressed in it redraws it.
      options.handedBy ? { ...heading, block_id: `${IDS.blocks.dmFrom}${options.handedBy}` } : heading,
      source,
      actionButtons(item.id),
    ],
  };
}

/** While a snooze lasts: which weekly nudge it leaves the item out of (else until when). */
function snoozeText(item: ActionItem, options: ActionDmOptions): string {
  if (!item.snoozedUntil || item.snoozedUntil <= options.today) return '';
  if (options.nudgeWeekday === undefined) {
    return ` · reminders snoozed until ${dueDateToken(item.snoozedUntil)}`;
  }
  const skips = skippedNudgeDay(item.snoozedUntil, options.nudgeWeekday);
  return ` · snoozed: left out of your weekly nudge of ${dueDateToken(skips)}`;
}

/** The ephemeral reply when someone makes an item for themselves (no DM then). */
export function presentActionSaved(item: ActionItem): Message {
  return {
    text: fallbackText(`Action item saved: ${item.text}`),
    blocks: [
      section(`:white_check_mark: Saved for you, due ${dueDateToken(item.dueDate)}: ${bold(item.text)}`),
      context('`/retro actions` lists your open items, and so does the Home tab of Rearview.'),
    ],
  };
}

/** The ephemeral reply to whoever made an item for someone else (who gets a DM). */
export function presentActionCreated(item: ActionItem): Message {
  return {
    text: fallbackText(`Action item created: ${item.text}`),
    blocks: [
      section(
        `:white_check_mark: Action item for <@${item.ownerId}>, due ${dueDateToken(item.dueDate)}: ${bold(item.text)}\nThey get a DM with it.`,
      ),
    ],
  };
}

/** What the previous owner is told when an item moves on. */
export function presentReassignedNotice(item: ActionItem, by: string): Message {
  const who = by === item.ownerId ? `<@${by}> took over` : `<@${by}> gave <@${item.ownerId}>`;
  const text = `${who} the action item ${bold(item.text)} (due ${dueDateToken(item.dueDate)}).`;
  return { text: fallbackText(`Reassigned: ${item.text}`), blocks: [section(text)] };
}

const DOING = {
  done: 'mark it done',
  snooze: 'snooze it',
  reassign: 'reassign it',
  redate: 'change its due date',
} as const;

/** Why nothing changed, for an ephemeral reply. */
export function refusalText(refusal: ActionRefusal): string {
  switch (refusal.code) {
    case 'not_found':
      return 'That action item no longer exists, so nothing was changed.';
    case 'deleted':
      return 'This action item was deleted, so nothing was changed.';
    case 'already_done':
      return `This action item was already marked done${refusal.item.doneBy ? ` by <@${refusal.item.doneBy}>` : ''}.`;
    case 'not_allowed': {
      const { item, verb } = refusal;
      const owner = `Only <@${item.ownerId}>, who owns this action item,`;
      if (verb === 'snooze' || item.retro === null) return `${owner} can ${DOING[verb]}.`;
      return `${owner} or a facilitator of ${italic(item.retro.title, 'its retro')} can ${DOING[verb]}.`;
    }
  }
}
