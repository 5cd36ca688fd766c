import type { WeeklySchedule } from '../follow-up/week.js';

/** What `/retro settings` shows and saves: the workspace's follow-up, then one person's own choice. */
export interface WorkspaceFollowUp {
  schedule: WeeklySchedule;
  defaultTimeZone: string;
  digestEnabled: boolean;
  digestChannelId: string | null;
  /** Each retro channel keeps its canvas as the record of its retros. */
  channelCanvas: boolean;
}

export interface SettingsView {
  workspace: WorkspaceFollowUp;
  optedOut: boolean;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A whole hour, '9', '09' or '09:00', as the 'HH:00' the schedule keeps; null when it is not one. */
export function parseHour(input: string): string | null {
  const match = /^(\d{1,2})(?::00)?$/.exec(input.trim());
  const hour = match ? Number(match[1]) : Number.NaN;
  return hour >= 0 && hour <= 23 ? `${String(hour).padStart(2, '0')}:00` : null;
}

/**
 * A person's weekly nudge moment, for the App Home: "Mondays at 09:00 your time (Europe/Berlin)" in their
 * own zone; when theirs is unknown, in the workspace's, named as such ("Mondays at 09:00 UTC") rather than
 * passed off as theirs; or that they opted out.
 */
export function describeNudgeMoment(input: {
  schedule: WeeklySchedule;
  timeZone: string;
  ownZone: boolean;
  optedOut: boolean;
}): string {
  if (input.optedOut) return 'none, you turned weekly nudges off';
  const day = WEEKDAYS[input.schedule.weekday] ?? 'Monday';
  const at = `${day}s at ${input.schedule.time}`;
  if (input.ownZone) return `${at} your time (${input.timeZone})`;
  return input.timeZone === 'UTC' ? `${at} UTC` : `${at} ${input.timeZone} time`;
}
