import { randomUUID } from 'node:crypto';
import type { DbOrTrx } from '../db/database.js';
import { isUuid } from '../shared/uuid.js';
import type { FiveWhysRow, FiveWhysSource } from './five-whys.table.js';
import type { FiveWhys, WhysChain } from './whys.js';

export type { FiveWhys };

export interface NewFiveWhys {
  teamId: string;
  retroId: string;
  channelId: string;
  sourceType: FiveWhysSource;
  sourceId: string | null;
  sourceLabel: string | null;
  chain: WhysChain;
  createdBy: string;
  now: Date;
}

function toFiveWhys(row: FiveWhysRow): FiveWhys {
  return {
    id: row.id,
    teamId: row.team_id,
    retroId: row.retro_id,
    channelId: row.channel_id,
    sourceType: row.source_type,
    sourceId: row.source_id,
    sourceLabel: row.source_label,
    problem: row.problem,
    whys: row.whys,
    rootCause: row.root_cause ?? '',
    createdBy: row.created_by,
    messageTs: row.message_ts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createFiveWhys(db: DbOrTrx, input: NewFiveWhys): Promise<FiveWhys> {
  const row = await db
    .insertInto('five_whys')
    .values({
      id: randomUUID(),
      team_id: input.teamId,
      retro_id: input.retroId,
      channel_id: input.channelId,
      source_type: input.sourceType,
      source_id: input.sourceId,
      source_label: input.sourceLabel,
      problem: input.chain.problem,
      whys: input.chain.whys,
      root_cause: input.chain.rootCause,
      created_by: input.createdBy,
      message_ts: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFiveWhys(row);
}

/** Replaces the chain's text; null when no such chain exists in the workspace. */
export async function updateFiveWhys(
  db: DbOrTrx,
  teamId: string,
  id: string,
  chain: WhysChain,
  now: Date,
): Promise<FiveWhys | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .updateTable('five_whys')
    .set({ problem: chain.problem, whys: chain.whys, root_cause: chain.rootCause, updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toFiveWhys(row) : null;
}

/** Remembers the thread message so an edit updates it in place. */
export async function setFiveWhysMessage(
  db: DbOrTrx,
  teamId: string,
  id: string,
  messageTs: string,
): Promise<void> {
  await db
    .updateTable('five_whys')
    .set({ message_ts: messageTs })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .execute();
}

/** A chain by id within the workspace; ids from elsewhere (or malformed ones from a forged button) are null. */
export async function findFiveWhys(db: DbOrTrx, teamId: string, id: string): Promise<FiveWhys | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom('five_whys')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toFiveWhys(row) : null;
}
