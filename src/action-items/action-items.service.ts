import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import {
  directMessage,
  dmQueue,
  messageEdit,
  type OutboxMessage,
  type RenderedEdit,
} from '../outbox/index.js';
import type { ActionDraft, ActionItem, ActionSource } from './action-item.js';
import {
  changeActionDueDate,
  createActionItem,
  findActionItem,
  listOpenByOwner,
  listOpenInChannel,
  markActionDone,
  reassignActionItem,
  setActionDmLocation,
  snoozeActionItem,
} from './action-item-changes.repository.js';
import { type ActionRefusal, type ActionVerb, checkActionChange, snoozedUntil } from './action-rules.js';
import { presentActionDm, presentReassignedNotice } from './present-action-item.js';

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
  createdBy: string;
}

function ownerDm(item: ActionItem, today: string): OutboxMessage {
  return directMessage(
    item.teamId,
    item.ownerId,
    { ...presentActionDm(item, { recipientId: item.ownerId, today }) },
    {
      onSent: { handler: ACTION_DM_SENT, data: { itemId: item.id } },
    },
  );
}

/** The outbox renderer of an owner's DM about an item (see `dmEdit`). */
const ACTION_DM_RENDERER = 'action-item-dm';

interface DmEditData {
  itemId: string;
  recipientId: string;
  channel: string;
  ts: string;
  /** The day the change was made, in its maker's zone: what "overdue" is measured against. */
  today: string;
}

/**
 * The DM about an item, edited in place to show the item as it is when the edit goes out (on the
 * recipient's DM queue, after anything posted to them before); nothing when it was never posted.
 */
function dmEdit(item: ActionItem, recipientId: string, where: ActionItem, today: string): OutboxMessage[] {
  if (!where.dmChannelId || !where.dmTs) return [];
  const data: DmEditData = {
    itemId: item.id,
    recipientId,
    channel: where.dmChannelId,
    ts: where.dmTs,
    today,
  };
  return [
    messageEdit(
      item.teamId,
      dmQueue(item.teamId, recipientId),
      { renderer: ACTION_DM_RENDERER, data },
      `action-dm:${item.id}:${where.dmTs}`,
    ),
  ];
}

async function renderActionDm(
  db: Db,
  job: { teamId: string; data: unknown },
): Promise<RenderedEdit | undefined> {
  const data = job.data as DmEditData;
  const item = await findActionItem(db, job.teamId, data.itemId);
  if (!item) return undefined;
  const content = presentActionDm(item, { recipientId: data.recipientId, today: data.today });
  return { channel: data.channel, ts: data.ts, content: { ...content } };
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
      createdBy: input.createdBy,
      now,
    });
    if (created.ownerId !== input.createdBy) await ctx.outbox.enqueue(trx, ownerDm(created, today));
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
  | { ok: true; before: ActionItem; item: ActionItem; concerned: string[] }
  | { ok: false; refusal: ActionRefusal };

/**
 * Applies a change after checking who may, in one transaction with the DM edits it causes: the owner's
 * DM shows the new state; on reassign the old owner is told and the new one gets a DM with the buttons.
 */
export async function changeAction(
  ctx: FeatureContext,
  teamId: string,
  id: string,
  userId: string,
  change: ActionChange,
  today: string,
): Promise<ChangeResult> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx): Promise<ChangeResult> => {
    const check = checkActionChange(await findActionItem(trx, teamId, id), userId, change.verb);
    if (!check.ok) return { ok: false, refusal: check };
    const before = check.item;
    const item = await apply(trx, teamId, id, userId, change, today, now);
    if (!item) return { ok: false, refusal: { code: 'already_done', item: before } };
    const messages = dmEdit(item, before.ownerId, before, today);
    if (change.verb === 'reassign') {
      if (item.ownerId !== userId) messages.push(ownerDm(item, today));
      if (before.ownerId !== userId) {
        messages.push(directMessage(teamId, before.ownerId, { ...presentReassignedNotice(item, userId) }));
      }
    }
    await ctx.outbox.enqueue(trx, messages);
    return { ok: true, before, item, concerned: [...new Set([before.ownerId, item.ownerId])] };
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
  now: Date,
) {
  switch (change.verb) {
    case 'done':
      return markActionDone(trx, teamId, id, userId, now);
    case 'snooze':
      return snoozeActionItem(trx, teamId, id, snoozedUntil(today), now);
    case 'reassign':
      return reassignActionItem(trx, teamId, id, change.ownerId, now);
    case 'redate':
      return changeActionDueDate(trx, teamId, id, change.dueDate, now);
  }
}

/** Keeps where the owner's DM landed, so later changes edit it in place, and renders those edits. */
export function registerActionDms(ctx: FeatureContext): void {
  ctx.outbox.renderer(ACTION_DM_RENDERER, renderActionDm);
  ctx.outbox.onSent(ACTION_DM_SENT, async (db: Db, sent) => {
    const itemId = (sent.data as { itemId?: unknown } | null)?.itemId;
    const channelId = sent.result.channel;
    const ts = sent.result.ts ?? sent.result.messageTs;
    if (typeof itemId !== 'string' || !channelId || !ts) return;
    await setActionDmLocation(db, sent.teamId, itemId, { channelId, ts });
  });
}
