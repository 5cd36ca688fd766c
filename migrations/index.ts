import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-23-0001-initial-schema.js';
import * as followThrough from './2026-11-24-0001-follow-through.js';
import * as outbox from './2026-11-24-0002-outbox.js';
import * as privateParticipation from './2026-11-24-0003-private-participation.js';
import * as settings from './2026-11-24-0004-settings.js';
import * as ballotFunction from './2026-11-24-0005-ballot-function.js';
import * as submissionFunction from './2026-11-24-0006-submission-function.js';
import * as editsAndWeeklyDeliveries from './2026-12-04-0001-edits-and-weekly-deliveries.js';
import * as votingDeadline from './2026-12-05-0001-voting-deadline.js';
import * as cardShownCounts from './2026-12-05-0002-card-shown-counts.js';
import * as installations from './2026-12-05-0003-installations.js';
import * as workspaceRemovals from './2026-12-05-0004-workspace-removals.js';
import * as carryOver from './2026-12-06-0001-carry-over.js';
import * as scheduleCardLease from './2026-12-06-0011-schedule-card-lease.js';
import * as actionSourceLink from './2026-12-06-0014-action-source-link.js';
import * as recurringThemes from './2026-12-07-0021-recurring-themes.js';
import * as channelCanvas from './2026-12-07-0031-channel-canvas.js';
import * as dmChannels from './2026-12-08-0001-dm-channels.js';

// Listed explicitly so the same set runs from TypeScript (tests) and from the compiled build.
export const migrations: Record<string, Migration> = {
  '2026-11-23-0001-initial-schema': initialSchema,
  '2026-11-24-0001-follow-through': followThrough,
  '2026-11-24-0002-outbox': outbox,
  '2026-11-24-0003-private-participation': privateParticipation,
  '2026-11-24-0004-settings': settings,
  '2026-11-24-0005-ballot-function': ballotFunction,
  '2026-11-24-0006-submission-function': submissionFunction,
  '2026-12-04-0001-edits-and-weekly-deliveries': editsAndWeeklyDeliveries,
  '2026-12-05-0001-voting-deadline': votingDeadline,
  '2026-12-05-0002-card-shown-counts': cardShownCounts,
  '2026-12-05-0003-installations': installations,
  '2026-12-05-0004-workspace-removals': workspaceRemovals,
  '2026-12-06-0001-carry-over': carryOver,
  '2026-12-06-0011-schedule-card-lease': scheduleCardLease,
  '2026-12-06-0014-action-source-link': actionSourceLink,
  '2026-12-07-0021-recurring-themes': recurringThemes,
  '2026-12-07-0031-channel-canvas': channelCanvas,
  '2026-12-08-0001-dm-channels': dmChannels,
};
