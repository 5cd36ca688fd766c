import type { Generated } from 'kysely';
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
  created_by: string;
  snoozed_until: string | null;
  created_at: Generated<Date>;
  done_at: Date | null;
}
