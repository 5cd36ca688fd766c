import type { Generated } from 'kysely';

export interface ProcessedEventTable {
  event_id: string;
  team_id: string;
  received_at: Generated<Date>;
}
