import { z } from 'zod';
import { instantAtWallClock, isTimeZone, localTime } from '../shared/wall-clock.js';

/**
 * How often a channel's retro comes back, on the wall clock of the schedule's zone:
 * - every week on a weekday;
 * - every two weeks on a weekday, counted from `anchor` (the day of the first start);
 * - monthly on the 1st–4th or last weekday ("the last Friday"), or on a day of the month, where the 29th to
 *   the 31st fall on the last day of a shorter month (the 31st is April's 30th and February's 28th or 29th);
 * - quarterly: the monthly rule in the first month of each calendar quarter (January, April, July, October).
 *
 * A start at a time the clocks skip (02:30 on the day summer time begins) is at the first minute after the
 * jump (03:00); a time the clocks pass twice (the day it ends) is the second of the two, the one
 * `instantAtWallClock` names.
 */

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const Weekday = z.number().int().min(0).max(6);
const Nth = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('last')]);
export type Nth = z.infer<typeof Nth>;
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const MonthRule = z.discriminatedUnion('by', [
  z.object({ by: z.literal('weekday'), nth: Nth, weekday: Weekday }),
  z.object({ by: z.literal('day'), day: z.number().int().min(1).max(31) }),
]);
export type MonthRule = z.infer<typeof MonthRule>;

export const CadenceSchema = z.discriminatedUnion('every', [
  z.object({ every: z.literal('week'), weekday: Weekday }),
  z.object({ every: z.literal('two_weeks'), weekday: Weekday, anchor: IsoDay }),
  z.object({ every: z.literal('month'), rule: MonthRule }),
  z.object({ every: z.literal('quarter'), rule: MonthRule }),
]);
export type Cadence = z.infer<typeof CadenceSchema>;
export type Frequency = Cadence['every'];

/** 'HH:MM', 24-hour. */
export const StartTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar day: arithmetic on dates with no clock in it. */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function calendarDay(n: number): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(n * DAY_MS);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function parseIsoDay(day: string): number {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return dayNumber(year, month, date);
}

function monthRuleMatches(rule: MonthRule, n: number): boolean {
  const { year, month, day, weekday } = calendarDay(n);
  const length = daysInMonth(year, month);
  if (rule.by === 'day') return day === Math.min(rule.day, length);
  if (weekday !== rule.weekday) return false;
  return rule.nth === 'last' ? day + 7 > length : Math.ceil(day / 7) === rule.nth;
}

function isCadenceDay(cadence: Cadence, n: number): boolean {
  switch (cadence.every) {
    case 'week':
      return calendarDay(n).weekday === cadence.weekday;
    case 'two_weeks':
      return (
        calendarDay(n).weekday === cadence.weekday &&
        (((n - parseIsoDay(cadence.anchor)) % 14) + 14) % 14 === 0
      );
    case 'month':
      return monthRuleMatches(cadence.rule, n);
    case 'quarter':
      return (calendarDay(n).month - 1) % 3 === 0 && monthRuleMatches(cadence.rule, n);
  }
}

function wallReading(instant: number, zone: string): number {
  const t = localTime(new Date(instant), zone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
}

/**
 * The instant the zone's clock reads `hour:minute` on day `n`; when the clocks jump over that reading, the
 * first minute after the jump.
 */
function startOn(n: number, hour: number, minute: number, zone: string): Date {
  const at = instantAtWallClock(zone, isoDay(n), hour, minute).getTime();
  const wanted = n * DAY_MS + (hour * 60 + minute) * 60_000;
  if (wallReading(at, zone) === wanted) return new Date(at);
  // Skipped: the first minute whose reading is past the wanted one, between three hours either side of the
  // guess (no jump is that long; the guess lands before or after the gap depending on the zone's offset).
  let before = at - 3 * 3_600_000;
  let after = at + 3 * 3_600_000;
  while (after - before > 60_000) {
    const mid = before + Math.floor((after - before) / 120_000) * 60_000;
    if (wallReading(mid, zone) >= wanted) after = mid;
    else before = mid;
  }
  return new Date(after);
}

/** The day a cadence's first start falls on, for a cadence every two weeks: its anchor. */
export function anchorDay(instant: Date, zone: string): string {
  const t = localTime(instant, safeZone(zone));
  return isoDay(dayNumber(t.year, t.month, t.day));
}

/** A zone the runtime knows, else UTC (a schedule's zone is checked when it is saved). */
export function safeZone(zone: string | undefined): string {
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** The longest gap between two starts (a quarter and a month's worth of days) with room to spare. */
const SEARCH_DAYS = 400;

/**
 * The first start strictly after `after`: at `time` ('HH:MM') on the wall clock of `zone`, on a day the
 * cadence names. A day on which the clocks change gets the offset in force at that hour.
 */
export function nextOccurrence(cadence: Cadence, time: string, zone: string, after: Date): Date {
  const tz = safeZone(zone);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const local = localTime(after, tz);
  const first = dayNumber(local.year, local.month, local.day) - 1;
  for (let n = first; n <= first + SEARCH_DAYS; n++) {
    if (!isCadenceDay(cadence, n)) continue;
    const start = startOn(n, hour, minute, tz);
    if (start.getTime() > after.getTime()) return start;
  }
  throw new RangeError(`no start within ${SEARCH_DAYS} days for ${JSON.stringify(cadence)}`);
}

/** Whether two instants fall on the same calendar day in `zone`. */
export function sameDayIn(a: Date, b: Date, zone: string): boolean {
  return anchorDay(a, zone) === anchorDay(b, zone);
}

const ORDINALS: Record<Exclude<Nth, 'last'>, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth' };

export function nthLabel(nth: Nth): string {
  return nth === 'last' ? 'last' : ORDINALS[nth];
}

export function dayOfMonthLabel(day: number): string {
  const tens = day % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : day % 10 === 1
        ? 'st'
        : day % 10 === 2
          ? 'nd'
          : day % 10 === 3
            ? 'rd'
            : 'th';
  return `${day}${suffix}`;
}

function monthRuleWords(rule: MonthRule, months: string): string {
  if (rule.by === 'weekday') return `the ${nthLabel(rule.nth)} ${WEEKDAYS[rule.weekday]} of ${months}`;
  const shorter = rule.day > 28 ? ' (the last day of shorter months)' : '';
  return `the ${dayOfMonthLabel(rule.day)} of ${months}${shorter}`;
}

/** In words: "the last Friday of each month at 15:00 (Europe/Berlin)". */
export function describeCadence(cadence: Cadence, time: string, zone: string): string {
  const at = `at ${time} (${zone})`;
  switch (cadence.every) {
    case 'week':
      return `every ${WEEKDAYS[cadence.weekday]} ${at}`;
    case 'two_weeks':
      return `every other ${WEEKDAYS[cadence.weekday]} ${at}`;
    case 'month':
      return `${monthRuleWords(cadence.rule, 'each month')} ${at}`;
    case 'quarter':
      return `${monthRuleWords(cadence.rule, 'January, April, July and October')} ${at}`;
  }
}

/** A cadence as a form gives it: every two weeks still without the day it counts from. */
export type CadenceChoice =
  | Exclude<Cadence, { every: 'two_weeks' }>
  | { every: 'two_weeks'; weekday: number; anchor?: string };

/**
 * The first start of a new or changed cadence, strictly after `after`, and the cadence as stored: every
 * two weeks counts from that first start, unless it keeps an anchor it already had.
 */
export function firstStart(
  choice: CadenceChoice,
  time: string,
  zone: string,
  after: Date,
): { cadence: Cadence; first: Date } {
  if (choice.every !== 'two_weeks')
    return { cadence: choice, first: nextOccurrence(choice, time, zone, after) };
  if (choice.anchor) {
    const cadence: Cadence = { every: 'two_weeks', weekday: choice.weekday, anchor: choice.anchor };
    return { cadence, first: nextOccurrence(cadence, time, zone, after) };
  }
  const first = nextOccurrence({ every: 'week', weekday: choice.weekday }, time, zone, after);
  return {
    cadence: { every: 'two_weeks', weekday: choice.weekday, anchor: anchorDay(first, zone) },
    first,
  };
}
