import type { ColumnType, Generated } from 'kysely';

export interface FiveWhysTable {
  id: string;
  team_id: string;
  retro_id: string;
  source_type: 'item' | 'kpi' | 'manual';
  source_id: string | null;
  problem: string;
  whys: ColumnType<string[], string[] | undefined, string[]>;
  root_cause: string | null;
  created_by: string;
  message_ts: string | null;
  created_at: Generated<Date>;
}
