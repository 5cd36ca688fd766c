import { z } from 'zod';
import { type Kpi, parseKpiLines } from '../kpi/kpi.js';
import { ANONYMOUS_OPTION, BLOCKS } from '../slack/ids.js';
import {
  dateTimeOf,
  selectedManyOf,
  selectedOf,
  textOf,
  usersOf,
  type ViewStateValues,
} from '../slack/view-state.js';
import { RETRO_KINDS, type RetroKind, TEMPLATE_IDS, type TemplateId } from './templates.js';

export interface SetupInput {
  title: string;
  kind: RetroKind;
  template: TemplateId;
  kpis: Kpi[];
  deadlineAt: Date;
  anonymousDefault: boolean;
  voteBudget: number;
  facilitatorIds: string[];
}

export type SetupResult = { ok: true; value: SetupInput } | { ok: false; errors: Record<string, string> };

export const MAX_TITLE_LENGTH = 150;
export const MAX_VOTE_BUDGET = 10;
export const DEFAULT_VOTE_BUDGET = 3;
const MAX_DEADLINE_DAYS = 90;
const MAX_FACILITATORS = 10;
const KIND_IDS = RETRO_KINDS.map((k) => k.id) as [RetroKind, ...RetroKind[]];

/** Validates the setup modal; errors are keyed by input block so Slack shows them on the field. */
export function parseSetupForm(values: ViewStateValues, now: Date, creatorId: string): SetupResult {
  const errors: Record<string, string> = {};
  const title = z
    .string()
    .trim()
    .min(1, 'Give the retro a title, e.g. "Q3 launch".')
    .max(MAX_TITLE_LENGTH, `Keep the title to ${MAX_TITLE_LENGTH} characters.`)
    .safeParse(textOf(values, BLOCKS.title));
  if (!title.success) errors[BLOCKS.title] = title.error.issues[0]?.message ?? 'Check the title.';

  const kind = z.enum(KIND_IDS).safeParse(selectedOf(values, BLOCKS.kind));
  if (!kind.success) errors[BLOCKS.kind] = 'Choose what is being reviewed.';

  const template = z.enum(TEMPLATE_IDS).safeParse(selectedOf(values, BLOCKS.template));
  if (!template.success) errors[BLOCKS.template] = 'Choose a template.';

  const kpis = parseKpiLines(textOf(values, BLOCKS.kpis));
  if (!kpis.ok) errors[BLOCKS.kpis] = truncateErrors(kpis.errors);

  const deadline = dateTimeOf(values, BLOCKS.deadline);
  const deadlineAt = deadline === undefined ? undefined : new Date(deadline * 1000);
  if (!deadlineAt || Number.isNaN(deadlineAt.getTime())) {
    errors[BLOCKS.deadline] = 'Pick the date and time when feedback collection ends.';
  } else if (deadlineAt.getTime() <= now.getTime() + 5 * 60_000) {
    errors[BLOCKS.deadline] = 'Pick a deadline in the future (at least a few minutes from now).';
  } else if (deadlineAt.getTime() > now.getTime() + MAX_DEADLINE_DAYS * 86_400_000) {
    errors[BLOCKS.deadline] = `Pick a deadline within the next ${MAX_DEADLINE_DAYS} days.`;
  }

  const budget = z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_VOTE_BUDGET)
    .safeParse(selectedOf(values, BLOCKS.voteBudget) ?? String(DEFAULT_VOTE_BUDGET));
  if (!budget.success)
    errors[BLOCKS.voteBudget] = `Votes per person must be between 1 and ${MAX_VOTE_BUDGET}.`;

  const facilitatorIds = [...new Set(usersOf(values, BLOCKS.facilitators))].filter((id) => id !== creatorId);
  if (facilitatorIds.length > MAX_FACILITATORS) {
    errors[BLOCKS.facilitators] = `Pick at most ${MAX_FACILITATORS} co-facilitators.`;
  }
  if (facilitatorIds.some((id) => !/^[UW][A-Z0-9]+$/.test(id)))
    errors[BLOCKS.facilitators] = 'Pick people from your workspace.';

  if (
    Object.keys(errors).length ||
    !title.success ||
    !kind.success ||
    !template.success ||
    !kpis.ok ||
    !deadlineAt ||
    !budget.success
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      title: title.data,
      kind: kind.data,
      template: template.data,
      kpis: kpis.kpis,
      deadlineAt,
      anonymousDefault: selectedManyOf(values, BLOCKS.anonymous).includes(ANONYMOUS_OPTION),
      voteBudget: budget.data,
      facilitatorIds,
    },
  };
}

/** Slack shows inline errors on one short line; list the first problems and count the rest. */
function truncateErrors(errors: string[]): string {
  const shown = errors.slice(0, 3).join(' ');
  const more = errors.length - 3;
  return more > 0 ? `${shown} (and ${more} more)` : shown;
}
