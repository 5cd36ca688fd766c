import type { ColumnType, Generated, Selectable } from 'kysely';

/** A channel's cadence (one per channel); see migration 2026-12-06-0001-carry-over. */
export interface RetroScheduleTable {
  id: string;
  team_id: string;
  channel_id: string;
  title: string;
  kind: string;
  template: string;
  /** The cadence's rule as JSON (see cadence.ts). */
  cadence: ColumnType<unknown, string, string>;
  /** 'HH:MM' on the wall clock of `time_zone`. */
  start_time: string;
  time_zone: string;
  /** KPI lines as typed; null: each retro takes the KPIs of the channel's last retro. */
  kpi_lines: string | null;
  facilitator_ids: ColumnType<string[], string[], string[]>;
  created_by: string;
  collect_hours: number;
  voting_hours: number | null;
  vote_budget: Generated<number>;
  anonymous_default: Generated<boolean>;
  prepare_hours: Generated<number>;
  /** The occurrence still to start; null while paused. */
  next_start_at: Date | null;
  paused: Generated<boolean>;
  /** The occurrence whose preparation DM went out. */
  prepared_for: Date | null;
  /** KPI actuals typed before the start, as JSON. */
  prepared_kpis: ColumnType<unknown, string | null, string | null>;
  /** Until then the copy that started the latest retro posts its card (migration 2026-12-06-0011). */
  card_lease_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type RetroScheduleRow = Selectable<RetroScheduleTable>;

declare module '../db/database.js' {
  interface Database {
    retro_schedules: RetroScheduleTable;
  }
}
