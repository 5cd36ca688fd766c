import type { Selectable } from 'kysely';

/**
 * A message saved for a channel's next retro, private to the person who saved it (see migration
 * 2026-12-06-0001-carry-over). Deleted when they submit it or discard it.
 */
export interface RetroDraftTable {
  id: string;
  team_id: string;
  channel_id: string;
  user_id: string;
  text: string;
  /** A permalink to the saved message; null when Slack gave none. */
  message_link: string | null;
  created_at: Date;
  /** The latest retro the draft was offered for (a DM to its saver); it stays until submitted or discarded. */
  offered_retro_id: string | null;
}
export type RetroDraftRow = Selectable<RetroDraftTable>;

declare module '../db/database.js' {
  interface Database {
    retro_drafts: RetroDraftTable;
  }
}
