import type { DbOrTrx } from '../db/database.js';
import type { OpenAction } from './action-item.js';

/** A person's open action items in a workspace, soonest due first. */
export async function listOpenActionsOf(db: DbOrTrx, teamId: string, ownerId: string): Promise<OpenAction[]> {
  const rows = await db
    .selectFrom('action_items')
    .leftJoin('retros', 'retros.id', 'action_items.retro_id')
    .select([
      'action_items.id',
      'action_items.title',
      'action_items.owner_id',
      'action_items.due_date',
      'action_items.channel_id',
      'retros.title as retro_title',
    ])
    .where('action_items.team_id', '=', teamId)
    .where('action_items.owner_id', '=', ownerId)
    .where('action_items.status', '=', 'open')
    .orderBy('action_items.due_date')
    .orderBy('action_items.title')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    ownerId: r.owner_id,
    dueDate: r.due_date,
    retroTitle: r.retro_title,
    channelId: r.channel_id,
  }));
}
