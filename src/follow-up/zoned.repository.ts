import { type RawBuilder, sql } from 'kysely';

/**
 * The SQL side of week.ts: a relation's `tz`, `weekday` and `at_time` columns against `now` on the local
 * wall clock. `local_now` is the local reading, `moment_day` local midnight of this week's moment day,
 * `week` the ISO week ('YYYY-Www') and `week_start` the instant the local week began.
 */
export function zonedColumns(now: Date): RawBuilder<unknown> {
  return sql`(${now}::timestamptz at time zone z.tz) as local_now,
    date_trunc('week', ${now}::timestamptz at time zone z.tz)
      + ((z.weekday + 6) % 7) * interval '1 day' as moment_day,
    to_char(${now}::timestamptz at time zone z.tz, 'IYYY-"W"IW') as week,
    date_trunc('week', ${now}::timestamptz at time zone z.tz) at time zone z.tz as week_start`;
}

/** At or after this week's moment, and still on its local day. */
export const DUE_TODAY = sql`l.local_now >= l.moment_day + l.at_time::time
  and l.local_now < l.moment_day + interval '1 day'`;
