import { z } from 'zod';
import { type Kpi, seriesKeyOf } from '../retro/kpi.js';
import type { RetroKind, TemplateId } from '../retro/templates.js';
import { localTime } from '../shared/wall-clock.js';
import { type Cadence, CadenceSchema, nextOccurrence, safeZone, sameDayIn } from './cadence.js';

/** A channel's schedule as its own feature works with it. */
export interface Schedule {
  id: string;
  teamId: string;
  channelId: string;
  title: string;
  kind: RetroKind;
  template: TemplateId;
  cadence: Cadence;
  /** 'HH:MM' on the wall clock of `timeZone`. */
  startTime: string;
  timeZone: string;
  /** As typed; null: each retro takes the KPIs of the channel's last retro. */
  kpiLines: string | null;
  facilitatorIds: string[];
  createdBy: string;
  collectHours: number;
  votingHours: number | null;
  voteBudget: number;
  anonymousDefault: boolean;
  /** How long before a start its facilitators are asked to prepare; 0: not asked. */
  prepareHours: number;
  /** The occurrence still to start; null while paused. */
  nextStartAt: Date | null;
  paused: boolean;
  preparedFor: Date | null;
  prepared: PreparedActuals | null;
}

/** KPI actuals typed before an occurrence starts, by series key (`seriesKeyOf`). */
const PreparedActualsSchema = z.object({
  for: z.iso.datetime(),
  actuals: z.record(z.string(), z.number().nullable()),
});
export type PreparedActuals = z.infer<typeof PreparedActualsSchema>;

export function readPrepared(raw: unknown): PreparedActuals | null {
  const parsed = PreparedActualsSchema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
  return parsed.success ? parsed.data : null;
}

export function readCadence(raw: unknown): Cadence | null {
  const parsed = CadenceSchema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
  return parsed.success ? parsed.data : null;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** The creator counts as a facilitator of the schedule, as of the retros it starts. */
export function facilitatesSchedule(
  schedule: Pick<Schedule, 'createdBy' | 'facilitatorIds'>,
  userId: string,
) {
  return schedule.createdBy === userId || schedule.facilitatorIds.includes(userId);
}

/** Everyone asked to prepare and told about a skipped start: the facilitators and the creator, once each. */
export function scheduleFacilitators(schedule: Pick<Schedule, 'createdBy' | 'facilitatorIds'>): string[] {
  return [...new Set([...schedule.facilitatorIds, schedule.createdBy])];
}

/**
 * What a due schedule does at `now`: an occurrence that was due earlier the same day (in the schedule's
 * zone) starts now, late; one of an earlier day is skipped (the bot was down), and the schedule moves on
 * to its first occurrence after the one started, or after now.
 */
export interface DuePlan {
  start: Date | null;
  /** The latest occurrence skipped, if any. */
  missed: Date | null;
  next: Date;
}

export function planDue(
  schedule: Pick<Schedule, 'cadence' | 'startTime' | 'timeZone'>,
  due: Date,
  now: Date,
): DuePlan {
  const next = (after: Date) =>
    nextOccurrence(schedule.cadence, schedule.startTime, schedule.timeZone, after);
  let occurrence = due;
  let missed: Date | null = null;
  while (occurrence.getTime() <= now.getTime()) {
    if (sameDayIn(occurrence, now, safeZone(schedule.timeZone))) {
      return { start: occurrence, missed, next: next(occurrence) };
    }
    missed = occurrence;
    occurrence = next(occurrence);
  }
  return { start: null, missed, next: occurrence };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Monthly GTM retro · 25 Dec": the schedule's title and the day in the schedule's zone. */
export function occurrenceTitle(title: string, occurrence: Date, zone: string, maxLength: number): string {
  const t = localTime(occurrence, safeZone(zone));
  const suffix = ` · ${t.day} ${MONTHS[t.month - 1]}`;
  const room = Math.max(1, maxLength - suffix.length);
  const head = title.length > room ? `${title.slice(0, room - 1).trimEnd()}…` : title;
  return `${head}${suffix}`;
}

/** The KPIs a started retro carries, with the actuals prepared for its occurrence filled in. */
export function withPreparedActuals(
  kpis: readonly Kpi[],
  prepared: PreparedActuals | null,
  occurrence: Date,
): Kpi[] {
  const actuals =
    prepared && new Date(prepared.for).getTime() === occurrence.getTime() ? prepared.actuals : {};
  return kpis.map((kpi) => {
    const actual = Object.hasOwn(actuals, seriesKeyOf(kpi.metric))
      ? actuals[seriesKeyOf(kpi.metric)]
      : undefined;
    return actual === undefined || actual === null ? kpi : { ...kpi, actual };
  });
}

/** A schedule's own KPI lines name targets only: an actual typed there would repeat every time. */
export function withoutActuals(kpis: readonly Kpi[]): Kpi[] {
  return kpis.map((kpi) => ({ ...kpi, actual: null }));
}
