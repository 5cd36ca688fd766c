import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { isUuid } from '../shared/uuid.js';
import type { ActionItem, ActionItemPage, ActionSource } from './action-item.js';

export interface NewActionItem {
  teamId: string;
  retroId: string | null;
  channelId: string;
  text: string;
  ownerId: string;
  dueDate: string;
  sourceType: ActionSource;
  sourceId: string | null;
  sourceLabel: string | null;
  sourceLink?: string | null;
  kpiSeriesKey?: string | null;
  createdBy: string;
  now: Date;
}

function selectItems(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom('action_items as a')
    .leftJoin('retros as r', 'r.id', 'a.retro_id')
    .selectAll('a')
    .select([
      'r.title as retro_title',
      'r.channel_id as retro_channel_id',
      'r.phase as retro_phase',
      'r.created_by as retro_created_by',
      'r.facilitator_ids as retro_facilitator_ids',
      'r.card_ts as retro_card_ts',
      // The name the KPI the item is meant to move last had in the item's channel.
      (eb) =>
        eb
          .selectFrom('retro_kpis as k')
          .innerJoin('retros as kr', 'kr.id', 'k.retro_id')
          .select('k.metric')
          .whereRef('k.team_id', '=', 'a.team_id')
          .whereRef('k.series_key', '=', 'a.kpi_series_key')
          .whereRef('kr.channel_id', '=', 'a.channel_id')
          .orderBy('kr.created_at', 'desc')
          .limit(1)
          .as('kpi_metric'),
    ])
    .where('a.team_id', '=', teamId);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['executeTakeFirstOrThrow']>>;

function toActionItem(row: ItemRow): ActionItem {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    text: row.title,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    status: row.status,
    sourceType: row.source_type,
    sourceId: row.source_id,
    sourceLabel: row.source_label,
    sourceLink: row.source_link,
    kpiMetric: row.kpi_metric,
    createdBy: row.created_by,
    snoozedUntil: row.snoozed_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
    dmChannelId: row.dm_channel_id,
    dmTs: row.dm_ts,
    retro:
      row.retro_id === null || row.retro_title === null
        ? null
        : {
            id: row.retro_id,
            title: row.retro_title,
            channelId: row.retro_channel_id ?? row.channel_id,
            phase: row.retro_phase ?? 'closed',
            createdBy: row.retro_created_by ?? '',
            facilitatorIds: row.retro_facilitator_ids ?? [],
            cardTs: row.retro_card_ts,
          },
  };
}

export async function createActionItem(db: DbOrTrx, input: NewActionItem): Promise<ActionItem> {
  const id = randomUUID();
  await db
    .insertInto('action_items')
    .values({
      id,
      team_id: input.teamId,
      retro_id: input.retroId,
      channel_id: input.channelId,
      title: input.text,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      source_type: input.sourceType,
      source_id: input.sourceId,
      source_label: input.sourceLabel,
      source_link: input.sourceLink ?? null,
      kpi_series_key: input.kpiSeriesKey ?? null,
      created_by: input.createdBy,
      snoozed_until: null,
      created_at: input.now,
      updated_at: input.now,
      done_at: null,
    })
    .execute();
  const created = await findActionItem(db, input.teamId, id);
  if (!created) throw new Error('action item vanished right after insert');
  return created;
}

/** An item by id within the workspace; ids from elsewhere (or malformed ones from a forged button) are null. */
export async function findActionItem(db: DbOrTrx, teamId: string, id: string): Promise<ActionItem | null> {
  if (!isUuid(id)) return null;
  const row = await selectItems(db, teamId).where('a.id', '=', id).executeTakeFirst();
  return row ? toActionItem(row) : null;
}

type OpenItemChange = {
  status?: 'done' | 'cancelled';
  done_at?: Date;
  done_by?: string;
  snoozed_until?: string | null;
  owner_id?: string;
  due_date?: string;
  dm_channel_id?: null;
  dm_ts?: null;
};

/**
 * Changes an item that is still open; null when it is not (any more), so a double click or a race with
 * another change does nothing the second time.
 */
async function changeOpenItem(
  db: DbOrTrx,
  teamId: string,
  id: string,
  change: OpenItemChange,
  now: Date,
): Promise<ActionItem | null> {
  if (!isUuid(id)) return null;
  const updated = await db
    .updateTable('action_items')
    .set({ ...change, updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return updated ? findActionItem(db, teamId, id) : null;
}

export function markActionDone(db: DbOrTrx, teamId: string, id: string, by: string, now: Date) {
  return changeOpenItem(db, teamId, id, { status: 'done', done_at: now, done_by: by }, now);
}

/** Drops an open item (a review of last time's actions decided it will not be done). */
export function cancelActionItem(db: DbOrTrx, teamId: string, id: string, now: Date) {
  return changeOpenItem(db, teamId, id, { status: 'cancelled' }, now);
}

/** Pushes the owner's next reminder to `until` ('YYYY-MM-DD'); the due date stays. */
export function snoozeActionItem(db: DbOrTrx, teamId: string, id: string, until: string, now: Date) {
  return changeOpenItem(db, teamId, id, { snoozed_until: until }, now);
}

/**
 * Gives the item to someone else. The old owner's snooze and DM location go with it: the new owner gets
 * a DM of their own (see setActionDmLocation), and the caller still holds the old one to update.
 */
export function reassignActionItem(db: DbOrTrx, teamId: string, id: string, ownerId: string, now: Date) {
  return changeOpenItem(
    db,
    teamId,
    id,
    { owner_id: ownerId, snoozed_until: null, dm_channel_id: null, dm_ts: null },
    now,
  );
}

export function changeActionDueDate(db: DbOrTrx, teamId: string, id: string, dueDate: string, now: Date) {
  return changeOpenItem(db, teamId, id, { due_date: dueDate }, now);
}

/** Where the owner's DM about the item was posted, so later changes update it in place. */
export async function setActionDmLocation(
  db: DbOrTrx,
  teamId: string,
  id: string,
  location: { channelId: string; ts: string },
): Promise<void> {
  await db
    .updateTable('action_items')
    .set({ dm_channel_id: location.channelId, dm_ts: location.ts })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .execute();
}

async function openPage(query: ReturnType<typeof selectItems>, limit: number): Promise<ActionItemPage> {
  // Overdue items have the earliest due dates, so due-date order already lists them first.
  const rows = await query
    .where('a.status', '=', 'open')
    .select(sql<number>`count(*) over ()::int`.as('total'))
    .orderBy('a.due_date')
    .orderBy('a.title')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return { items: rows.map(toActionItem), total: rows[0]?.total ?? 0 };
}

/** A person's open items, soonest due first: the App Home, `/retro actions`, the weekly reminder. */
export function listOpenByOwner(db: DbOrTrx, teamId: string, ownerId: string, limit = 100) {
  return openPage(selectItems(db, teamId).where('a.owner_id', '=', ownerId), limit);
}

/** Open items made in a channel, from its retros or with `/retro action` there: `/retro actions all`. */
export function listOpenInChannel(db: DbOrTrx, teamId: string, channelId: string, limit = 100) {
  return openPage(selectItems(db, teamId).where('a.channel_id', '=', channelId), limit);
}

/** Items by id within the workspace, whatever their state (a nudge shows what became of each). */
export async function findActionItems(
  db: DbOrTrx,
  teamId: string,
  ids: readonly string[],
): Promise<ActionItem[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await selectItems(db, teamId).where('a.id', 'in', valid).execute();
  return rows.map(toActionItem);
}

/**
 * What a weekly nudge counts of an owner's items on `today`: the open ones it would list (not snoozed
 * past today), and how many of those are overdue.
 */
export async function countNudgeItems(
  db: DbOrTrx,
  teamId: string,
  ownerId: string,
  today: string,
): Promise<{ open: number; overdue: number }> {
  const row = await db
    .selectFrom('action_items')
    .select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) filter (where due_date < ${today}))::int`.as('overdue'),
    ])
    .where('team_id', '=', teamId)
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', today)]))
    .executeTakeFirst();
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

/** The workspace's nudge weekday (0 = Sunday … 6 = Saturday); Monday unless set. */
export async function nudgeWeekdayOf(db: DbOrTrx, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('workspace_settings')
    .select('nudge_weekday')
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row?.nudge_weekday ?? 1;
}
