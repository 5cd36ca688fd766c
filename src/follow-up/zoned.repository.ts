import { type RawBuilder, sql } from 'kysely';
import type { DueSchedule } from './week.js';

/**
 * The due schedules (week.ts decides which) as a relation `d` with `tz`, `weekday`, `at_time`, `week`,
 * `today` (the local date) and `monday` (the local date the week began): one JSON parameter.
 */
export function dueRelation(due: readonly DueSchedule[]): RawBuilder<unknown> {
  const rows = due.map((s) => ({
    tz: s.tz,
    weekday: s.weekday,
    at_time: s.atTime,
    week: s.week,
    today: s.today,
    monday: s.monday,
  }));
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    as d(tz text, weekday int, at_time text, week text, today date, monday date)`;
}

/**
 * A workspace's weekly moment as the columns `tz`, `weekday`, `at_time`: its settings (`ws`, which a left
 * join may leave empty) else Monday 09:00, in zone `tz` when it is known, else the workspace's, else UTC.
 */
export function momentColumns(tz: RawBuilder<unknown> = sql`null`): RawBuilder<unknown> {
  return sql`coalesce(${tz}, ws.default_tz, 'UTC') as tz, coalesce(ws.nudge_weekday, 1) as weekday,
    coalesce(ws.nudge_time, '09:00') as at_time`;
}

/** Distinct rows of `tz`, `weekday`, `at_time` as stored schedules. */
export function toSchedules(rows: { tz: string; weekday: number | string; at_time: string }[]) {
  return rows.map((r) => ({ tz: r.tz, weekday: Number(r.weekday), atTime: r.at_time }));
}
