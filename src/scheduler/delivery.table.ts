import type { Generated } from 'kysely';

export interface NudgeDeliveryTable {
  team_id: string;
  owner_id: string;
  /** 'YYYY-MM-DD' of the Monday the nudge belongs to. */
  week_start: string;
  claimed_at: Generated<Date>;
  sent_at: Date | null;
}

export interface DigestDeliveryTable {
  team_id: string;
  channel_id: string;
  week_start: string;
  claimed_at: Generated<Date>;
  sent_at: Date | null;
}
