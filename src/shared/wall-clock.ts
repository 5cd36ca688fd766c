/**
 * Turning a reading of someone's wall clock ("17:00 on 2026-11-25 in Asia/Tokyo") into the instant it
 * names, through Intl. Unknown zones fall back to UTC, as everywhere else a zone is missing.
 */

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

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const parts = format.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
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
