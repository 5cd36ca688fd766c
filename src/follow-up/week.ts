/**
 * Weeks and weekly moments in a person's own time zone (IANA names, through Intl). Everything is worked
 * out on the local wall clock, so a daylight-saving change neither skips nor repeats a week's moment.
 * The queries ask only which schedules exist; whether one is due is decided here (`dueSchedules`).
 */

import { isTimeZone, localTime } from '../shared/wall-clock.js';

export interface WeeklySchedule {
  /** 0 = Sunday … 6 = Saturday (Slack's and JavaScript's numbering); default 1, Monday. */
  weekday: number;
  /** 'HH:MM', local. */
  time: string;
}

export const DEFAULT_SCHEDULE: WeeklySchedule = { weekday: 1, time: '09:00' };

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, no time zone). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** ISO weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function isoWeekdayIndex(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** 'YYYY-Www' of the ISO week a local date falls in, e.g. 2027-01-01 → '2026-W53'. */
export function isoWeekKey(year: number, month: number, day: number): string {
  const days = dayNumber(year, month, day);
  const thursday = days - isoWeekdayIndex(days) + 3;
  const isoYear = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(isoYear, 1, 1)) / 7) + 1;
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

export interface WeeklyMoment {
  /** ISO week (local) the moment belongs to: part of the job key, so once per week. */
  week: string;
  /** The local date, 'YYYY-MM-DD'. */
  today: string;
  /** The local date of this week's Monday, 'YYYY-MM-DD'. */
  monday: string;
  /** At or after this week's moment, and still on its local day (a bot that was down catches up the same day). */
  due: boolean;
  /** At or after this week's moment at all. */
  passed: boolean;
}

/** Where `now` stands against this week's `schedule` moment on the wall clock of `zone`. */
export function weeklyMoment(
  now: Date,
  zone: string,
  schedule: WeeklySchedule = DEFAULT_SCHEDULE,
): WeeklyMoment {
  const local = localTime(now, zone);
  const today = dayNumber(local.year, local.month, local.day);
  const monday = today - isoWeekdayIndex(today);
  const momentDay = monday + ((schedule.weekday + 6) % 7);
  const [hour = 0, minute = 0] = schedule.time.split(':').map(Number);
  const nowMinutes = today * 1440 + local.hour * 60 + local.minute;
  const momentMinutes = momentDay * 1440 + hour * 60 + minute;
  return {
    week: isoWeekKey(local.year, local.month, local.day),
    today: dateOf(today),
    monday: dateOf(monday),
    passed: nowMinutes >= momentMinutes,
    due: nowMinutes >= momentMinutes && nowMinutes < (momentDay + 1) * 1440,
  };
}

function dateOf(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** A weekly moment as the settings store it: a zone, a weekday and a local 'HH:MM'. */
export interface StoredSchedule {
  tz: string;
  weekday: number;
  atTime: string;
}

export type DueSchedule = StoredSchedule & Pick<WeeklyMoment, 'week' | 'today' | 'monday'>;

/** The schedules whose moment is due at `now` (a zone Intl does not know is left out, never guessed). */
export function dueSchedules(schedules: readonly StoredSchedule[], now: Date): DueSchedule[] {
  return schedules.flatMap((s) => {
    if (!isTimeZone(s.tz)) return [];
    const moment = weeklyMoment(now, s.tz, { weekday: s.weekday, time: s.atTime });
    return moment.due ? [{ ...s, week: moment.week, today: moment.today, monday: moment.monday }] : [];
  });
}
