/**
 * Someone's wall clock, through Intl: what it reads at an instant (the weekly nudges' moments), and the
 * instant a reading names ("17:00 on 2026-11-25 in Asia/Tokyo", a default deadline). One formatter per
 * zone serves both.
 */

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The zone's formatter, or null when the runtime does not know the zone. */
function formatterOf(zone: string): Intl.DateTimeFormat | null {
  let format = formatters.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    formatters.set(zone, format);
  }
  return format;
}

function read(format: Intl.DateTimeFormat, instant: number): LocalTime & { second: number } {
  const parts = format.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

export function isTimeZone(zone: string): boolean {
  return formatterOf(zone) !== null;
}

/** The wall-clock reading at `instant` in `zone` (a zone the runtime does not know throws). */
export function localTime(instant: Date, zone: string): LocalTime {
  const format = formatterOf(zone);
  if (!format) throw new RangeError(`Invalid time zone: ${zone}`);
  const { second: _, ...local } = read(format, instant.getTime());
  return local;
}

/** How far `zone`'s clock is ahead of UTC at `instant`, in seconds (users.info's `tz_offset`); 0 for an unknown zone. */
export function zoneOffsetSeconds(zone: string, instant: Date): number {
  const format = formatterOf(zone);
  return format ? Math.round(offsetAt(format, instant.getTime()) / 1000) : 0;
}

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const r = read(format, instant);
  const wall = Date.UTC(r.year, r.month - 1, r.day, r.hour, r.minute, r.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant at which the clock in `zone` reads `hour:minute` on `date` ('YYYY-MM-DD'); UTC when the zone
 * is missing or unknown. The offset is looked up twice, the second time at the first guess, so a day on
 * which the clocks change gets the offset in force at that hour.
 */
export function instantAtWallClock(zone: string | undefined, date: string, hour: number, minute = 0): Date {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const format = zone ? formatterOf(zone) : null;
  if (!format) return new Date(wall);
  const guess = wall - offsetAt(format, wall);
  return new Date(wall - offsetAt(format, guess));
}
