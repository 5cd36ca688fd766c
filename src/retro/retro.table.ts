import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Phase } from './phases.js';
import type { RetroKind, TemplateId } from './templates.js';

export interface RetroTable {
  id: string;
  team_id: string;
  channel_id: string;
  title: string;
  kind: RetroKind;
  template: TemplateId;
  phase: Phase;
  deadline_at: Date | null;
  anonymous_default: Generated<boolean>;
  vote_budget: Generated<number>;
  created_by: string;
  facilitator_ids: ColumnType<string[], string[] | undefined, string[]>;
  card_ts: string | null;
  reminder_sent_at: Date | null;
  revealed_at: Date | null;
  /** When discussion began; a week later the facilitators are reminded to close (once). */
  discussing_at: Date | null;
  close_reminder_sent_at: Date | null;
  /** How long voting lasts after the reveal; null: until a facilitator ends it. */
  voting_hours: ColumnType<number | null, number | null | undefined, number | null>;
  /** Fixed by the reveal: when voting ends by itself. */
  voting_deadline_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  voting_reminder_sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
  closed_at: Date | null;
  /** The schedule that started the retro, and the occurrence it started for (unique together). */
  schedule_id: ColumnType<string | null, string | null | undefined, string | null>;
  scheduled_for: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type RetroRow = Selectable<RetroTable>;

export interface RetroKpiTable {
  id: string;
  team_id: string;
  retro_id: string;
  position: number;
  metric: string;
  target: number;
  actual: number | null;
  unit: Generated<string>;
  higher_is_better: Generated<boolean>;
  /** KPIs of a channel with the same key are one series (see `seriesKeyOf` in kpi.ts). */
  series_key: string;
}
export type RetroKpiRow = Selectable<RetroKpiTable>;

/** Who contributed, and nothing about when or what. */
/** One row per retro: who took part, sorted, rewritten whole (see the feedback feature's anonymity notes). */
export interface RetroParticipationTable {
  retro_id: string;
  team_id: string;
  user_ids: ColumnType<string[], string[] | undefined, string[]>;
}

/** Retros whose items are due to be rewritten in random order. */
export interface RetroMixDueTable {
  retro_id: string;
  team_id: string;
}

/** A modal submission already stored, so a second delivery of it stores nothing. */
export interface ViewSubmissionTable {
  team_id: string;
  view_id: string;
  expires_at: Date;
}

/** What the retro card shows of its counts while feedback is collected (see card-counts.ts). */
export interface CardCountsTable {
  retro_id: string;
  team_id: string;
  contributors: Generated<number>;
  items: Generated<number>;
  /** When feedback last arrived for the retro; never who sent it. */
  activity_at: Date | null;
  /** The card shows fewer than are stored: it catches up after the quiet spell. */
  behind: Generated<boolean>;
}
