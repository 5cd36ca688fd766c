import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import {
  channelCanvasEdit,
  directMessage,
  dmQueue,
  messageEdit,
  type OutboxMessage,
  type RenderedEdit,
} from '../outbox/index.js';
import type { ActionDraft, ActionItem, ActionSource } from './action-item.js';
import {
  cancelActionItem,
  changeActionDueDate,
  countNudgeItems,
  createActionItem,
  findActionItem,
  findActionItems,
  listOpenByOwner,
  listOpenInChannel,
  markActionDone,
  nudgeWeekdayOf,
  reassignActionItem,
  setActionDmLocation,
  snoozeActionItem,
} from './action-item-changes.repository.js';
import {
  type ActionRefusal,
  type ActionVerb,
  checkActionChange,
  skippedNudgeDay,
  snoozedUntil,
} from './action-rules.js';
import { presentActionDm, presentReassignedNotice } from './present-action-item.js';
import { type NudgeEntry, presentWeeklyNudge } from './present-weekly-nudge.js';
import type { PressedIn } from './pressed-message.js';

export { listOpenByOwner, listOpenInChannel };

/** The onSent handler that keeps where an owner's DM about an item landed. */
export const ACTION_DM_SENT = 'action-item-dm';

export interface NewAction {
  teamId: string;
  retroId: string | null;
  channelId: string;
  draft: ActionDraft;
  sourceType: ActionSource;
  sourceId: string | null;
  sourceLabel: string | null;
  /** The KPI series (of the channel) the item is meant to move. */
  kpiSeriesKey?: string | null;
  /** The Slack message the item was made from (*Make action item*). */
  sourceLink?: string | null;
  createdBy: string;
}

function ownerDm(item: ActionItem, today: string, handedBy: string, nudgeWeekday?: number): OutboxMessage {
  return directMessage(
    item.teamId,
    item.ownerId,
    { ...presentActionDm(item, { recipientId: item.ownerId, today, handedBy, nudgeWeekday }) },
    {
      onSent: { handler: ACTION_DM_SENT, data: { itemId: item.id } },
    },
  );
}

/** The outbox renderer of an owner's DM about an item (see `dmEditAt`). */
const ACTION_DM_RENDERER = 'action-item-dm';
/** The outbox renderer of a weekly nudge redrawn after a button was pressed in it (see `nudgeEdit`). */
const NUDGE_RENDERER = 'action-item-nudge';

interface DmEditData {
  itemId: string;
  recipientId: string;
  channel: string;
  ts: string;
  /** The day the change was made, in its maker's zone: what "overdue" is measured against. */
  today: string;
  /** Who made the change (the previous owner's DM says who moved the item on). */
  by?: string;
  /** Who handed the item to its owner, as the DM said when its button was pressed. */
  handedBy?: string;
}

/**
 * A DM about an item, edited in place to show the item as it is when the edit goes out (on the
 * recipient's DM queue, after anything posted to them before).
 */
function dmEditAt(item: ActionItem, data: Omit<DmEditData, 'itemId'>): OutboxMessage {
  return messageEdit(
    item.teamId,
    dmQueue(item.teamId, data.recipientId),
    { renderer: ACTION_DM_RENDERER, data: { ...data, itemId: item.id } },
    `action-dm:${item.id}:${data.ts}`,
  );
}

async function renderActionDm(
  db: Db,
  job: { teamId: string; data: unknown },
): Promise<RenderedEdit | undefined> {
  const data = job.data as DmEditData;
  const [item, nudgeWeekday] = await Promise.all([
    findActionItem(db, job.teamId, data.itemId),
    nudgeWeekdayOf(db, job.teamId),
  ]);
  if (!item) return undefined;
  const content = presentActionDm(item, {
    recipientId: data.recipientId,
    today: data.today,
    nudgeWeekday,
    ...(data.by ? { movedBy: data.by } : {}),
    ...(data.handedBy ? { handedBy: data.handedBy } : {}),
  });
  return { channel: data.channel, ts: data.ts, content: { ...content } };
}

interface NudgeEditData {
  recipientId: string;
  channel: string;
  ts: string;
  /** The items the nudge shows, in its order. */
  itemIds: string[];
  /** The recipient's local date when they pressed. */
  today: string;
}

/** A weekly nudge, redrawn in place with the items it shows as they are when the edit goes out. */
function nudgeEdit(teamId: string, data: NudgeEditData): OutboxMessage {
  return messageEdit(
    teamId,
    dmQueue(teamId, data.recipientId),
    { renderer: NUDGE_RENDERER, data },
    `nudge:${data.channel}:${data.ts}`,
  );
}

async function renderNudge(
  db: Db,
  job: { teamId: string; data: unknown },
): Promise<RenderedEdit | undefined> {
  const data = job.data as NudgeEditData;
  const [items, counts, weekday] = await Promise.all([
    findActionItems(db, job.teamId, data.itemIds),
    countNudgeItems(db, job.teamId, data.recipientId, data.today),
    nudgeWeekdayOf(db, job.teamId),
  ]);
  const byId = new Map(items.map((item) => [item.id, item]));
  const entries = data.itemIds.flatMap((id): NudgeEntry[] => {
    const item = byId.get(id);
    return item ? [nudgeEntry(item, data.recipientId, data.today, weekday)] : [];
  });
  const content = presentWeeklyNudge({
    today: data.today,
    openCount: counts.open,
    overdueCount: counts.overdue,
    entries,
  });
  return { channel: data.channel, ts: data.ts, content: { ...content } };
}

function nudgeEntry(item: ActionItem, recipientId: string, today: string, weekday: number): NudgeEntry {
  const base = {
    id: item.id,
    title: item.text,
    dueDate: item.dueDate,
    channelId: item.channelId,
    retroTitle: item.retro?.title ?? null,
  };
  if (item.status === 'done') return { ...base, state: { kind: 'done', by: item.doneBy } };
  if (item.status === 'cancelled') return { ...base, state: { kind: 'deleted' } };
  if (item.ownerId !== recipientId) return { ...base, state: { kind: 'moved', to: item.ownerId } };
  const snoozed = item.snoozedUntil !== null && item.snoozedUntil > today;
  return {
    ...base,
    state: {
      kind: 'open',
      skips: snoozed && item.snoozedUntil ? skippedNudgeDay(item.snoozedUntil, weekday) : null,
    },
  };
}

/**
 * The edits a change causes: the previous owner's DM about the item, wherever it is, and the message the
 * button was pressed in (a nudge, or another DM about the item), so what the presser sees changes there.
 */
function editsOf(
  item: ActionItem,
  before: ActionItem,
  userId: string,
  today: string,
  pressedIn: PressedIn | undefined,
): OutboxMessage[] {
  const edits: OutboxMessage[] = [];
  const pressedDm = pressedIn?.kind === 'dm' ? pressedIn : undefined;
  if (before.dmChannelId && before.dmTs) {
    const here = pressedDm?.ts === before.dmTs ? pressedDm : undefined;
    edits.push(
      dmEditAt(item, {
        recipientId: before.ownerId,
        channel: before.dmChannelId,
        ts: before.dmTs,
        today,
        by: userId,
        ...(here?.handedBy ? { handedBy: here.handedBy } : {}),
      }),
    );
  }
  if (pressedDm && pressedDm.ts !== before.dmTs) {
    // A DM is between the app and one person: whoever pressed in it is whom it is for.
    edits.push(
      dmEditAt(item, {
        recipientId: userId,
        channel: pressedDm.channel,
        ts: pressedDm.ts,
        today,
        by: userId,
        ...(pressedDm.handedBy ? { handedBy: pressedDm.handedBy } : {}),
      }),
    );
  }
  if (pressedIn?.kind === 'nudge') {
    const itemIds = pressedIn.itemIds.includes(item.id) ? pressedIn.itemIds : [...pressedIn.itemIds, item.id];
    edits.push(
      nudgeEdit(item.teamId, {
        recipientId: userId,
        channel: pressedIn.channel,
        ts: pressedIn.ts,
        itemIds,
        today,
      }),
    );
  }
  return edits;
}

/**
 * Stores a new item and, in the same transaction, queues the owner's DM with its buttons (unless the
 * creator is the owner: the caller confirms that one privately).
 */
export async function createAction(
  ctx: FeatureContext,
  input: NewAction,
  today: string,
): Promise<ActionItem> {
  const now = ctx.clock.now();
  const item = await ctx.db.transaction().execute(async (trx) => {
    const created = await createActionItem(trx, {
      teamId: input.teamId,
      retroId: input.retroId,
      channelId: input.channelId,
      text: input.draft.text,
      ownerId: input.draft.ownerId,
      dueDate: input.draft.dueDate,
      sourceType: input.sourceType,
      sourceId: input.sourceId,
      sourceLabel: input.sourceLabel,
      sourceLink: input.sourceLink ?? null,
      kpiSeriesKey: input.kpiSeriesKey ?? null,
      createdBy: input.createdBy,
      now,
    });
    if (created.ownerId !== input.createdBy) {
      await ctx.outbox.enqueue(trx, ownerDm(created, today, input.createdBy));
    }
    return created;
  });
  ctx.outbox.kick();
  return item;
}

/** Whether `userId` may apply `verb` now (a modal is opened only for someone who may). */
export async function checkAction(db: DbOrTrx, teamId: string, id: string, userId: string, verb: ActionVerb) {
  return checkActionChange(await findActionItem(db, teamId, id), userId, verb);
}

export type ActionChange =
  | { verb: 'done' }
  | { verb: 'snooze' }
  | { verb: 'reassign'; ownerId: string }
  | { verb: 'redate'; dueDate: string };

export type ChangeResult =
  | { ok: true; before: ActionItem; item: ActionItem; concerned: string[]; nudgeWeekday: number }
  | { ok: false; refusal: ActionRefusal };

/**
 * Applies a change after checking who may, in one transaction with the edits it causes: the owner's DM and
 * the message the button was pressed in (`pressedIn`) show the new state; on reassign the old owner is
 * told and the new one gets a DM with the buttons, saying who handed it over.
 */
export async function changeAction(
  ctx: FeatureContext,
  teamId: string,
  id: string,
  userId: string,
  change: ActionChange,
  today: string,
  pressedIn?: PressedIn,
): Promise<ChangeResult> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const check = checkActionChange(await findActionItem(trx, teamId, id), userId, change.verb);
    if (!check.ok) return { ok: false, refusal: check };
    const before = check.item;
    const nudgeWeekday = await nudgeWeekdayOf(trx, teamId);
    const item = await apply(trx, teamId, id, userId, change, today, nudgeWeekday, now);
    if (!item) return { ok: false, refusal: { code: 'already_done', item: before } };
    const messages = editsOf(item, before, userId, today, pressedIn);
    if (change.verb === 'reassign') {
      if (item.ownerId !== userId) messages.push(ownerDm(item, today, userId, nudgeWeekday));
      if (before.ownerId !== userId) {
        messages.push(directMessage(teamId, before.ownerId, { ...presentReassignedNotice(item, userId) }));
      }
    }
    // The channel's canvas shows the item's state, owner and due date; a snooze changes none of them.
    if (change.verb !== 'snooze') messages.push(channelCanvasEdit(teamId, item.channelId));
    await ctx.outbox.enqueue(trx, messages);
    const concerned = [...new Set([before.ownerId, item.ownerId])];
    return { ok: true, before, item, concerned, nudgeWeekday };
  });
  if (result.ok) ctx.outbox.kick();
  return result;
}

function apply(
  trx: DbOrTrx,
  teamId: string,
  id: string,
  userId: string,
  change: ActionChange,
  today: string,
  nudgeWeekday: number,
  now: Date,
) {
  switch (change.verb) {
    case 'done':
      return markActionDone(trx, teamId, id, userId, now);
    case 'snooze':
      return snoozeActionItem(trx, teamId, id, snoozedUntil(today, nudgeWeekday), now);
    case 'reassign':
      return reassignActionItem(trx, teamId, id, change.ownerId, now);
    case 'redate':
      return changeActionDueDate(trx, teamId, id, change.dueDate, now);
  }
}

/**
 * Marks an open item done, or drops it, inside the caller's transaction (a review of last time's actions
 * records its decision with it), queueing the edit of the owner's DM as a press there would; null when
 * the item was not open any more.
 */
export async function closeActionWithin(
  ctx: FeatureContext,
  trx: DbOrTrx,
  input: { teamId: string; id: string; userId: string; outcome: 'done' | 'cancelled'; today: string },
): Promise<ActionItem | null> {
  const { teamId, id, userId } = input;
  const before = await findActionItem(trx, teamId, id);
  if (!before) return null;
  const now = ctx.clock.now();
  const item =
    input.outcome === 'done'
      ? await markActionDone(trx, teamId, id, userId, now)
      : await cancelActionItem(trx, teamId, id, now);
  if (item) await ctx.outbox.enqueue(trx, editsOf(item, before, userId, input.today, undefined));
  return item;
}

/** Keeps where the owner's DM landed, so later changes edit it in place, and renders those edits. */
export function registerActionDms(ctx: FeatureContext): void {
  ctx.outbox.renderer(ACTION_DM_RENDERER, renderActionDm);
  ctx.outbox.renderer(NUDGE_RENDERER, renderNudge);
  ctx.outbox.onSent(ACTION_DM_SENT, async (db: Db, sent) => {
    const itemId = (sent.data as { itemId?: unknown } | null)?.itemId;
    const channelId = sent.result.channel;
    const ts = sent.result.ts ?? sent.result.messageTs;
    if (typeof itemId !== 'string' || !channelId || !ts) return;
    await setActionDmLocation(db, sent.teamId, itemId, { channelId, ts });
  });
}
