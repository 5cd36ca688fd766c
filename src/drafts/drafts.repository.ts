import { randomUUID } from 'node:crypto';
import type { DbOrTrx } from '../db/database.js';
import { isUuid } from '../shared/uuid.js';
import type { Draft } from './draft.js';
import type { RetroDraftRow } from './draft.table.js';

function toDraft(row: RetroDraftRow): Draft {
  return {
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    userId: row.user_id,
    text: row.text,
    messageLink: row.message_link,
    createdAt: row.created_at,
  };
}

export async function insertDraft(db: DbOrTrx, input: Omit<Draft, 'id'>): Promise<Draft> {
  const row = await db
    .insertInto('retro_drafts')
    .values({
      id: randomUUID(),
      team_id: input.teamId,
      channel_id: input.channelId,
      user_id: input.userId,
      text: input.text,
      message_link: input.messageLink,
      created_at: input.createdAt,
      offered_retro_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDraft(row);
}

/** One person's draft; null for anyone else's, a malformed id or one already gone. */
export async function findMyDraft(
  db: DbOrTrx,
  teamId: string,
  draftId: string,
  userId: string,
): Promise<Draft | null> {
  if (!isUuid(draftId)) return null;
  const row = await db
    .selectFrom('retro_drafts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', draftId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toDraft(row) : null;
}

/** A person's drafts for one channel, oldest first. */
export async function listMyDrafts(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<Draft[]> {
  const rows = await db
    .selectFrom('retro_drafts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toDraft);
}

/** Who saved drafts for a channel and has not been offered them for `retroId` yet. */
export async function listSaversToOffer(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  retroId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('retro_drafts')
    .select('user_id')
    .distinct()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where((eb) => eb.or([eb('offered_retro_id', 'is', null), eb('offered_retro_id', '!=', retroId)]))
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function markOffered(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
  userId: string,
  retroId: string,
): Promise<void> {
  await db
    .updateTable('retro_drafts')
    .set({ offered_retro_id: retroId })
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .execute();
}

/** Deletes one of a person's drafts; its channel when there was one (a second press or submit finds none). */
export async function deleteMyDraft(
  db: DbOrTrx,
  teamId: string,
  draftId: string,
  userId: string,
): Promise<{ channelId: string } | null> {
  if (!isUuid(draftId)) return null;
  const row = await db
    .deleteFrom('retro_drafts')
    .where('team_id', '=', teamId)
    .where('id', '=', draftId)
    .where('user_id', '=', userId)
    .returning('channel_id')
    .executeTakeFirst();
  return row ? { channelId: row.channel_id } : null;
}
