import type { ColumnType, Generated, Selectable } from 'kysely';

export type FiveWhysSource = 'item' | 'kpi' | 'manual';

export interface FiveWhysTable {
  id: string;
  team_id: string;
  retro_id: string;
  /** The retro's channel, where the chain is posted in the thread. */
  channel_id: string | null;
  source_type: FiveWhysSource;
  source_id: string | null;
  /** What the chain started from, as shown then (a section and item, a KPI and its miss). */
  source_label: string | null;
  problem: string;
  whys: ColumnType<string[], string[] | undefined, string[]>;
  root_cause: string | null;
  created_by: string;
  message_ts: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type FiveWhysRow = Selectable<FiveWhysTable>;
