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

export interface UserTimeZoneTable {
  team_id: string;
  user_id: string;
  tz: string | null;
  fetched_at: Date;
}
