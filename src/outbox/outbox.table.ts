import type { ColumnType, Generated } from 'kysely';

/** How a row reaches Slack; `dm` opens the conversation with `payload.user` and posts into it. */
export type OutboxMethod = 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral' | 'dm';

type Json = ColumnType<unknown, string, string>;

export interface OutboxTable {
  id: Generated<string>;
  team_id: string;
  queue: string;
  job_key: string | null;
  method: OutboxMethod;
  payload: Json;
  run_at: Date;
  attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  sent_at: Date | null;
  last_error: string | null;
  failed_at: Date | null;
  result: ColumnType<unknown, string | null, string | null>;
  created_at: Date;
}

/** When a paced key (a retro card's edits) last took its turn to be sent, by the database's clock. */
export interface OutboxTurnTable {
  job_key: string;
  team_id: string;
  taken_at: Date;
}

/** A person's DM channel with the bot, as `conversations.open` answered (2026-12-08-0001-dm-channels). */
export interface DmChannelTable {
  team_id: string;
  user_id: string;
  channel_id: string;
  opened_at: Generated<Date>;
}

declare module '../db/database.js' {
  interface Database {
    dm_channels: DmChannelTable;
  }
}
