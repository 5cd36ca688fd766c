/**
 * Due dates are calendar days ('YYYY-MM-DD'), read relative to "today" in the creator's time zone. The
 * reader is strict: anything outside the few forms below is null, so the caller asks instead of guessing.
 */

const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  sun: 0,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
};

export const MAX_DAYS_AHEAD = 366;
export const MAX_WEEKS_AHEAD = 52;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date itself when it is a real calendar day (2026-02-30 is not), else null. */
export function isoDate(text: string): string | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 2000 ? text : null;
}

/** 'YYYY-MM-DD' plus `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * Reads `YYYY-MM-DD`, `today`, `tomorrow`, `next <weekday>` (the first such day after today, so a week
 * ahead when today is that weekday), `in N days` or `in N weeks`. Case and extra spaces do not matter.
 */
export function parseDueDate(text: string, today: string): string | null {
  const words = text.trim().toLowerCase().split(/\s+/);
  const phrase = words.join(' ');
  if (phrase === 'today') return today;
  if (phrase === 'tomorrow') return addDays(today, 1);
  if (words.length === 1) return isoDate(phrase);
  if (words.length === 2 && words[0] === 'next') {
    const target = WEEKDAYS[words[1] ?? ''];
    if (target === undefined) return null;
    const ahead = (target - weekdayOf(today) + 7) % 7 || 7;
    return addDays(today, ahead);
  }
  const relative = /^in (\d{1,3}) (days?|weeks?)$/.exec(phrase);
  if (!relative) return null;
  const n = Number(relative[1]);
  const weeks = relative[2]?.startsWith('week') ?? false;
  if (n < 1) return null;
  if (weeks ? n > MAX_WEEKS_AHEAD : n > MAX_DAYS_AHEAD) return null;
  return addDays(today, weeks ? n * 7 : n);
}
