/** Owners' time zones from `users.info`, refreshed weekly; `tz` null when Slack did not say. */
export interface UserTimeZoneTable {
  team_id: string;
  user_id: string;
  tz: string | null;
  fetched_at: Date;
}

/** One row per weekly nudge (subject: the owner) or digest (subject: the channel) queued for an ISO week. */
export interface FollowUpDeliveryTable {
  team_id: string;
  kind: 'nudge' | 'digest';
  subject_id: string;
  week: string;
  queued_at: Date;
}
