import { z } from 'zod';
import { parseKpiLines } from '../retro/kpi.js';
import { TEMPLATE_IDS, type TemplateId } from '../retro/templates.js';
import { VOTING_LENGTHS } from '../setup/setup-form.js';
import { INPUT } from '../slack/ids.js';
import { type FormResult, picked, readForm, text, type ViewStateValues } from '../slack/read-form.js';
import { type CadenceChoice, type Frequency, type MonthRule, StartTimeSchema } from './cadence.js';
import { SCHEDULE_IDS } from './schedules.ids.js';

const B = SCHEDULE_IDS.blocks;

export interface ScheduleInput {
  title: string;
  cadence: CadenceChoice;
  startTime: string;
  /** 'YYYY-MM-DD' in the schedule's zone: the first start is on or after it; null: the next one. */
  startingOn: string | null;
  template: TemplateId;
  /** Null: each retro carries the KPIs of the channel's last retro. */
  kpiLines: string | null;
  facilitatorIds: string[];
  collectHours: number;
  votingHours: number | null;
  prepareHours: number;
}

export const MAX_SCHEDULE_TITLE = 120;
const MAX_FACILITATORS = 10;
export const FREQUENCIES = ['week', 'two_weeks', 'month', 'quarter'] as const satisfies readonly Frequency[];
export const DEFAULT_FREQUENCY: Frequency = 'month';
/** How long feedback is collected after a start, in days. */
export const COLLECT_DAYS = ['1', '2', '3', '5', '7'] as const;
export const DEFAULT_COLLECT_DAYS = '3';
/** How long before a start the facilitators are asked to prepare, in hours; '0': not asked. */
export const PREPARE_HOURS = ['0', '4', '24', '48'] as const;
export const DEFAULT_PREPARE_HOURS = '24';
export const DEFAULT_START_TIME = '10:00';

export function isWeekly(frequency: Frequency): boolean {
  return frequency === 'week' || frequency === 'two_weeks';
}

/** A month-day option's value: `w:last:5` (the last Friday), `d:31` (the 31st). */
export function monthRuleValue(rule: MonthRule): string {
  return rule.by === 'weekday' ? `w:${rule.nth}:${rule.weekday}` : `d:${rule.day}`;
}

const MonthRuleValue = z.string().transform((value, ctx): MonthRule => {
  const weekday = /^w:([1-4]|last):([0-6])$/.exec(value);
  if (weekday) {
    const nth = weekday[1] === 'last' ? 'last' : (Number(weekday[1]) as 1 | 2 | 3 | 4);
    return { by: 'weekday', nth, weekday: Number(weekday[2]) };
  }
  const day = /^d:(\d{1,2})$/.exec(value);
  if (day && Number(day[1]) >= 1 && Number(day[1]) <= 31) return { by: 'day', day: Number(day[1]) };
  ctx.addIssue({
    code: 'custom',
    message: 'Pick a day that every month has, e.g. "the last Friday" or "the 15th".',
  });
  return z.NEVER;
});

const IMPOSSIBLE_DAY = 'Pick the day again: it does not fit how often the retro runs.';

function scheduleSchema(today: string) {
  return {
    [B.title]: text().pipe(
      z
        .string()
        .trim()
        .min(1, 'Give the schedule a title, e.g. "Monthly GTM retro".')
        .max(MAX_SCHEDULE_TITLE, `Keep the title to ${MAX_SCHEDULE_TITLE} characters.`),
    ),
    [B.frequency]: z.enum(FREQUENCIES, { error: 'Choose how often the retro runs.' }),
    [B.weekday]: z.string().optional(),
    [B.monthDay]: z.string().optional(),
    [B.startingOn]: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a day.')
      .optional()
      .refine(
        (day) => day === undefined || day >= today,
        'Pick a day from today on: that one is in the past.',
      ),
    [B.template]: z.enum(TEMPLATE_IDS, { error: 'Choose a template.' }),
    [B.kpis]: text().transform((lines, ctx): string | null => {
      if (lines.trim() === '') return null;
      const kpis = parseKpiLines(lines);
      if (!kpis.ok) {
        ctx.addIssue({ code: 'custom', message: shortErrors(kpis.errors) });
        return z.NEVER;
      }
      return lines.trim();
    }),
    [B.facilitators]: picked()
      .transform((ids) => [...new Set(ids)])
      .superRefine((ids, ctx) => {
        if (ids.length === 0)
          ctx.addIssue({ code: 'custom', message: 'Pick at least one facilitator to run these retros.' });
        else if (ids.some((id) => !/^[UW][A-Z0-9]+$/.test(id)))
          ctx.addIssue({ code: 'custom', message: 'Pick people from your workspace.' });
        else if (ids.length > MAX_FACILITATORS)
          ctx.addIssue({ code: 'custom', message: `Pick at most ${MAX_FACILITATORS} facilitators.` });
      }),
    [B.collect]: z
      .enum(COLLECT_DAYS, { error: 'Choose how long feedback is collected.' })
      .transform((days) => Number(days) * 24),
    [B.votingLength]: z
      .enum(VOTING_LENGTHS, { error: 'Choose how long voting lasts.' })
      .transform((length) => (length === 'manual' ? null : Number(length))),
    [B.prepare]: z
      .enum(PREPARE_HOURS, { error: 'Choose when facilitators are asked to prepare.' })
      .transform(Number),
  };
}

/** A timepicker's 'HH:MM' (read here: the form reader knows no timepicker). */
function readTime(values: ViewStateValues): string | undefined {
  const element = values[B.time]?.[INPUT] as { selected_time?: unknown } | undefined;
  const parsed = StartTimeSchema.safeParse(element?.selected_time);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Validates the schedule modal; errors are keyed by input block so Slack shows them on the field. `today`
 * is the day it is in the schedule's zone, for the first start's day.
 */
export function parseScheduleForm(values: ViewStateValues, today: string): FormResult<ScheduleInput> {
  const form = readForm(values, scheduleSchema(today));
  const startTime = readTime(values);
  const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
  if (!startTime) errors[B.time] = 'Pick the time the retro starts.';
  if (!form.ok || !startTime) return { ok: false, errors };
  const v = form.values;
  const frequency = v[B.frequency];
  const cadence = cadenceOf(frequency, v[B.weekday], v[B.monthDay]);
  if (!cadence.ok) {
    return { ok: false, errors: { [isWeekly(frequency) ? B.weekday : B.monthDay]: cadence.error } };
  }
  return {
    ok: true,
    values: {
      title: v[B.title],
      cadence: cadence.value,
      startTime,
      startingOn: v[B.startingOn] ?? null,
      template: v[B.template],
      kpiLines: v[B.kpis],
      facilitatorIds: v[B.facilitators],
      collectHours: v[B.collect],
      votingHours: v[B.votingLength],
      prepareHours: v[B.prepare],
    },
  };
}

function cadenceOf(
  frequency: Frequency,
  weekday: string | undefined,
  monthDay: string | undefined,
): { ok: true; value: CadenceChoice } | { ok: false; error: string } {
  if (isWeekly(frequency)) {
    const day = z.coerce.number().int().min(0).max(6).safeParse(weekday);
    if (weekday === undefined || !day.success) return { ok: false, error: IMPOSSIBLE_DAY };
    return { ok: true, value: { every: frequency as 'week' | 'two_weeks', weekday: day.data } };
  }
  if (monthDay === undefined) return { ok: false, error: IMPOSSIBLE_DAY };
  const rule = MonthRuleValue.safeParse(monthDay);
  if (!rule.success) return { ok: false, error: rule.error.issues[0]?.message ?? IMPOSSIBLE_DAY };
  return { ok: true, value: { every: frequency as 'month' | 'quarter', rule: rule.data } };
}

function shortErrors(errors: string[]): string {
  const shown = errors.slice(0, 3).join(' ');
  return errors.length > 3 ? `${shown} (and ${errors.length - 3} more)` : shown;
}

/**
 * What the modal holds while it is being filled in, read leniently (a field not yet valid is left to
 * `fallback`): the modal is drawn again with it when the frequency changes.
 */
export function draftFromState<D extends { frequency: Frequency; title: string; startTime: string }>(
  values: ViewStateValues,
  fallback: D,
): D & { kpiLines?: string | null; facilitatorIds?: string[] } {
  const form = readForm(values, {
    [B.title]: text(),
    [B.frequency]: z.enum(FREQUENCIES).catch(fallback.frequency),
    [B.kpis]: text(),
    [B.facilitators]: picked(),
  });
  if (!form.ok) return fallback;
  const v = form.values;
  return {
    ...fallback,
    title: v[B.title],
    frequency: v[B.frequency],
    startTime: readTime(values) ?? fallback.startTime,
    kpiLines: v[B.kpis].trim() === '' ? null : v[B.kpis],
    ...(v[B.facilitators].length ? { facilitatorIds: v[B.facilitators] } : {}),
  };
}
