import type { Kysely, Transaction } from 'kysely';
import type { ActionItemTable } from '../action-items/action-item.table.js';
import type { FeedbackItemTable } from '../feedback/feedback.table.js';
import type { FiveWhysTable } from '../five-whys/five-whys.table.js';
import type {
  CardCountsTable,
  RetroKpiTable,
  RetroMixDueTable,
  RetroParticipationTable,
  RetroTable,
  ViewSubmissionTable,
} from '../retro/retro.table.js';
import type { UserSettingsTable, WorkspaceSettingsTable } from '../settings/settings.table.js';
import type { ProcessedEventTable } from '../slack/processed-event.table.js';
import type { VoteTable } from '../voting/vote.table.js';

export interface Database {
  retros: RetroTable;
  retro_kpis: RetroKpiTable;
  retro_participation: RetroParticipationTable;
  card_counts: CardCountsTable;
  retro_mix_due: RetroMixDueTable;
  view_submissions: ViewSubmissionTable;
  feedback_items: FeedbackItemTable;
  votes: VoteTable;
  five_whys: FiveWhysTable;
  action_items: ActionItemTable;
  workspace_settings: WorkspaceSettingsTable;
  user_settings: UserSettingsTable;
  processed_events: ProcessedEventTable;
}

export type Db = Kysely<Database>;
/** Repository functions take either; a transaction is a Kysely too. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

// Tables and columns added by 2026-11-24-0002-outbox.
import type { Generated } from 'kysely';
import type { UserTimeZoneTable } from '../follow-up/follow-up.table.js';
import type { OutboxTable } from '../outbox/outbox.table.js';

export interface Database {
  outbox: OutboxTable;
  user_time_zones: UserTimeZoneTable;
}

declare module '../settings/settings.table.js' {
  interface WorkspaceSettingsTable {
    default_tz: Generated<string>;
    digest_enabled: Generated<boolean>;
  }
}

// Tables added by 2026-12-04-0001-edits-and-weekly-deliveries.
import type { FollowUpDeliveryTable } from '../follow-up/follow-up.table.js';
import type { OutboxTurnTable } from '../outbox/outbox.table.js';

export interface Database {
  outbox_turns: OutboxTurnTable;
  follow_up_deliveries: FollowUpDeliveryTable;
}
