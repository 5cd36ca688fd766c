import { z } from 'zod';
import { type Kpi, parseKpiLines } from '../retro/kpi.js';
import { ANONYMOUS } from '../retro/retro.ids.js';
import { RETRO_KINDS, type RetroKind, TEMPLATE_IDS, type TemplateId } from '../retro/templates.js';
import { type FormResult, picked, readForm, text, type ViewStateValues } from '../slack/read-form.js';
import { SETUP_IDS } from './setup.ids.js';

export interface SetupInput {
  title: string;
  kind: RetroKind;
  template: TemplateId;
  kpis: Kpi[];
  deadlineAt: Date;
  anonymousDefault: boolean;
  voteBudget: number;
  /** How long voting lasts after the reveal; null: until a facilitator ends it. */
  votingHours: number | null;
  facilitatorIds: string[];
}

export const MAX_TITLE_LENGTH = 150;
export const MAX_VOTE_BUDGET = 10;
export const DEFAULT_VOTE_BUDGET = 3;
/** How long voting may last once the feedback is revealed, in hours; `manual` leaves it to a facilitator. */
export const VOTING_LENGTHS = ['4', '24', '48', '72', 'manual'] as const;
export const DEFAULT_VOTING_LENGTH = '24';
const MAX_DEADLINE_DAYS = 90;
const MAX_FACILITATORS = 10;
const BUDGET_ERROR = `Votes per person must be between 1 and ${MAX_VOTE_BUDGET}.`;
const KIND_IDS = RETRO_KINDS.map((k) => k.id) as [RetroKind, ...RetroKind[]];

/** The setup modal's blocks; `now` and the creator take part in the deadline and facilitator rules. */
function setupSchema(now: Date, creatorId: string) {
  return {
    [SETUP_IDS.blocks.title]: text().pipe(
      z
        .string()
        .trim()
        .min(1, 'Give the retro a title, e.g. "Q3 launch".')
        .max(MAX_TITLE_LENGTH, `Keep the title to ${MAX_TITLE_LENGTH} characters.`),
    ),
    [SETUP_IDS.blocks.kind]: z.enum(KIND_IDS, { error: 'Choose what is being reviewed.' }),
    [SETUP_IDS.blocks.template]: z.enum(TEMPLATE_IDS, { error: 'Choose a template.' }),
    [SETUP_IDS.blocks.kpis]: text().transform((lines, ctx): Kpi[] => {
      const kpis = parseKpiLines(lines);
      if (kpis.ok) return kpis.kpis;
      ctx.addIssue({ code: 'custom', message: truncateErrors(kpis.errors) });
      return z.NEVER;
    }),
    [SETUP_IDS.blocks.deadline]: z
      .number({ error: 'Pick the date and time when feedback collection ends.' })
      .transform((seconds) => new Date(seconds * 1000))
      .refine((at) => !Number.isNaN(at.getTime()), 'Pick the date and time when feedback collection ends.')
      .refine(
        (at) => at.getTime() > now.getTime() + 5 * 60_000,
        'Pick a deadline in the future (at least a few minutes from now).',
      )
      .refine(
        (at) => at.getTime() <= now.getTime() + MAX_DEADLINE_DAYS * 86_400_000,
        `Pick a deadline within the next ${MAX_DEADLINE_DAYS} days.`,
      ),
    [SETUP_IDS.blocks.voteBudget]: z
      .string()
      .optional()
      .transform((chosen) => Number(chosen ?? DEFAULT_VOTE_BUDGET))
      .pipe(
        z
          .number({ error: BUDGET_ERROR })
          .int(BUDGET_ERROR)
          .min(1, BUDGET_ERROR)
          .max(MAX_VOTE_BUDGET, BUDGET_ERROR),
      ),
    [SETUP_IDS.blocks.votingLength]: z
      .enum(VOTING_LENGTHS, { error: 'Choose how long voting lasts.' })
      .optional()
      .transform((chosen) => {
        const length = chosen ?? DEFAULT_VOTING_LENGTH;
        return length === 'manual' ? null : Number(length);
      }),
    [SETUP_IDS.blocks.facilitators]: picked()
      .transform((ids) => [...new Set(ids)].filter((id) => id !== creatorId))
      .superRefine((ids, ctx) => {
        if (ids.some((id) => !/^[UW][A-Z0-9]+$/.test(id)))
          ctx.addIssue({ code: 'custom', message: 'Pick people from your workspace.' });
        else if (ids.length > MAX_FACILITATORS)
          ctx.addIssue({ code: 'custom', message: `Pick at most ${MAX_FACILITATORS} co-facilitators.` });
      }),
    [ANONYMOUS.block]: picked().transform((options) => options.includes(ANONYMOUS.option)),
  };
}

/** Validates the setup modal; errors are keyed by input block so Slack shows them on the field. */
export function parseSetupForm(
  values: ViewStateValues,
  now: Date,
  creatorId: string,
): FormResult<SetupInput> {
  const form = readForm(values, setupSchema(now, creatorId));
  if (!form.ok) return form;
  const v = form.values;
  return {
    ok: true,
    values: {
      title: v[SETUP_IDS.blocks.title],
      kind: v[SETUP_IDS.blocks.kind],
      template: v[SETUP_IDS.blocks.template],
      kpis: v[SETUP_IDS.blocks.kpis],
      deadlineAt: v[SETUP_IDS.blocks.deadline],
      anonymousDefault: v[ANONYMOUS.block],
      voteBudget: v[SETUP_IDS.blocks.voteBudget],
      votingHours: v[SETUP_IDS.blocks.votingLength],
      facilitatorIds: v[SETUP_IDS.blocks.facilitators],
    },
  };
}

/** Slack shows inline errors on one short line; list the first problems and count the rest. */
function truncateErrors(errors: string[]): string {
  const shown = errors.slice(0, 3).join(' ');
  const more = errors.length - 3;
  return more > 0 ? `${shown} (and ${more} more)` : shown;
}
