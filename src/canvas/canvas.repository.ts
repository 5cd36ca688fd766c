import type { DbOrTrx } from '../db/database.js';
import type { ChannelCanvasRow } from './canvas.table.js';

/** When the workspace turned channel canvases on; null while it keeps none. */
export async function canvasSince(db: DbOrTrx, teamId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('workspace_settings')
    .select('channel_canvas_since')
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row?.channel_canvas_since ?? null;
}

export async function findChannelCanvas(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<ChannelCanvasRow | undefined> {
  return db
    .selectFrom('channel_canvases')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export async function saveCanvasId(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  canvasId: string,
  now: Date,
): Promise<void> {
  const values = { canvas_id: canvasId, disabled_reason: null, refused_at: null, updated_at: now };
  await db
    .insertInto('channel_canvases')
    .values({ team_id: teamId, channel_id: channelId, ...values })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doUpdateSet(values))
    .execute();
}

/** Forgets a canvas Slack no longer knows, so the next change creates one. */
export async function forgetCanvasId(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('channel_canvases')
    .set({ canvas_id: null, updated_at: now })
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .execute();
}

/** Records a refusal, locking the row; answers when the facilitator was last told (before this one). */
export async function recordRefusal(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  reason: string,
  now: Date,
): Promise<{ toldAt: Date | null }> {
  const values = { disabled_reason: reason, refused_at: now, updated_at: now };
  await db
    .insertInto('channel_canvases')
    .values({ team_id: teamId, channel_id: channelId, ...values })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doUpdateSet(values))
    .execute();
  const row = await db
    .selectFrom('channel_canvases')
    .select('told_at')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { toldAt: row.told_at };
}

export async function markTold(db: DbOrTrx, teamId: string, channelId: string, now: Date): Promise<void> {
  await db
    .updateTable('channel_canvases')
    .set({ told_at: now })
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .execute();
}

/** The channel's closed retros, newest first. */
export async function closedRetroIds(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('retros')
    .select('id')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('phase', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function chainsOf(db: DbOrTrx, retroIds: readonly string[]) {
  if (retroIds.length === 0) return [];
  return db
    .selectFrom('five_whys')
    .select(['retro_id', 'problem', 'whys', 'root_cause'])
    .where('retro_id', 'in', retroIds)
    .orderBy('created_at')
    .execute();
}

/** The items made in these retros (their first retro), with where they were carried. */
export async function actionsOf(db: DbOrTrx, teamId: string, retroIds: readonly string[]) {
  if (retroIds.length === 0) return [];
  return db
    .selectFrom('action_items')
    .select(['retro_id', 'title', 'owner_id', 'due_date', 'status', 'carried_to_retro_id'])
    .where('team_id', '=', teamId)
    .where('retro_id', 'in', retroIds)
    .orderBy('due_date')
    .orderBy('created_at')
    .execute();
}
