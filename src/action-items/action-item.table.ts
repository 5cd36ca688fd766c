import type { ColumnType, Generated } from 'kysely';
import type { ActionSource, ActionStatus } from './action-item.js';

export interface ActionItemTable {
  id: string;
  team_id: string;
  retro_id: string | null;
  channel_id: string;
  title: string;
  owner_id: string;
  /** 'YYYY-MM-DD' */
  due_date: string;
  status: Generated<ActionStatus>;
  source_type: ActionSource;
  source_id: string | null;
  /** The source as shown when the item was made (an item's text, a root cause, a KPI). */
  source_label: string | null;
  created_by: string;
  /** 'YYYY-MM-DD': the owner's reminders skip the item until this day; the due date stays. */
  snoozed_until: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  done_at: Date | null;
  done_by: string | null;
  /** Where the owner's DM about the item is, so it can be updated in place. */
  dm_channel_id: string | null;
  dm_ts: string | null;
  /** The latest retro the item was carried into; `retro_id` stays the retro it was first made in. */
  carried_to_retro_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The KPI series (of the item's channel) the item is meant to move. */
  kpi_series_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** A link to the Slack message the item was made from (*Make action item*). */
  source_link: ColumnType<string | null, string | null | undefined, string | null>;
}
