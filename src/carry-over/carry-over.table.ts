import type { ColumnType } from 'kysely';
import type { ReviewOutcome } from './review.js';

/**
 * Last time's open actions, reviewed in the thread of the next retro: one row per item and reviewing
 * retro. The outcome stays null until an owner or a facilitator decides; a later retro reviews a
 * carried item again in a row of its own.
 */
export interface ActionReviewTable {
  retro_id: string;
  action_item_id: string;
  team_id: string;
  outcome: ColumnType<ReviewOutcome | null, ReviewOutcome | null | undefined, ReviewOutcome | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Where a retro's review message was posted (its ts once Slack has it), so a decision edits it in place. */
export interface ActionReviewPostTable {
  retro_id: string;
  team_id: string;
  channel_id: string;
  ts: ColumnType<string | null, string | null | undefined, string | null>;
}

declare module '../db/database.js' {
  interface Database {
    action_reviews: ActionReviewTable;
    action_review_posts: ActionReviewPostTable;
  }
}
