import { isTimeZone, localTime } from './wall-clock.js';

/** `2026-11-25 17:00 UTC`: for places with no reader time zone (exports, fallbacks). */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The calendar day ('YYYY-MM-DD') it is for someone in time zone `tz` at `now`; UTC when the zone is
 * unknown or not one the runtime knows, so a person's "today" is never off by more than their offset.
 */
export function todayIn(tz: string | undefined, now: Date): string {
  if (tz) {
    try {
      // en-CA formats as YYYY-MM-DD.
      return new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(now);
    } catch {
      // An unknown zone falls back to UTC below.
    }
  }
  return now.toISOString().slice(0, 10);
}

/**
 * `2026-12-04 14:02 (America/Chicago)`: a moment on the reader's clock, for a file, where no
 * `<!date>` token can do it; UTC when the zone is unknown.
 */
export function formatInZone(date: Date, zone: string | undefined): string {
  if (zone && isTimeZone(zone)) {
    const t = localTime(date, zone);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)} (${zone})`;
  }
  return formatUtc(date);
}

/**
 * `Dec 1`, or `Tue, Dec 1, 15:00` with the weekday and time: a day on the reader's clock in words, for a
 * message that names it in prose; UTC (and says so) when the zone is unknown.
 */
export function formatDayIn(date: Date, zone: string | undefined, options: { time?: boolean } = {}): string {
  const known = zone !== undefined && isTimeZone(zone);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: known ? zone : 'UTC',
    month: 'short',
    day: 'numeric',
    ...(options.time ? { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  });
  return `${format.format(date)}${known || !options.time ? '' : ' UTC'}`;
}
