import type { types } from '@slack/bolt';
import { KPI_LINE_FORMAT } from '../retro/kpi.js';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../retro/templates.js';
import { DEFAULT_VOTING_LENGTH, VOTING_LENGTHS } from '../setup/setup-form.js';
import type { InputBlock, ModalView, PlainTextOption } from '../slack/block-kit.js';
import { LIMITS, plainText } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { truncate } from '../slack/mrkdwn.js';
import { type Cadence, dayOfMonthLabel, type Frequency, type Nth, nthLabel, WEEKDAYS } from './cadence.js';
import {
  COLLECT_DAYS,
  DEFAULT_COLLECT_DAYS,
  DEFAULT_FREQUENCY,
  DEFAULT_PREPARE_HOURS,
  DEFAULT_START_TIME,
  FREQUENCIES,
  isWeekly,
  MAX_SCHEDULE_TITLE,
  monthRuleValue,
  PREPARE_HOURS,
} from './schedule-form.js';
import { SCHEDULE_IDS } from './schedules.ids.js';

const B = SCHEDULE_IDS.blocks;

const FREQUENCY_LABELS: Record<Frequency, string> = {
  week: 'Every week',
  two_weeks: 'Every two weeks',
  month: 'Every month',
  quarter: 'Every quarter (Jan, Apr, Jul, Oct)',
};
const COLLECT_LABELS: Record<(typeof COLLECT_DAYS)[number], string> = {
  '1': '1 day',
  '2': '2 days',
  '3': '3 days',
  '5': '5 days',
  '7': '1 week',
};
const VOTING_LABELS: Record<(typeof VOTING_LENGTHS)[number], string> = {
  '4': '4 hours',
  '24': '1 day',
  '48': '2 days',
  '72': '3 days',
  manual: 'Until a facilitator ends it',
};
const PREPARE_LABELS: Record<(typeof PREPARE_HOURS)[number], string> = {
  '0': 'Don’t ask',
  '4': '4 hours before',
  '24': '1 day before',
  '48': '2 days before',
};

/** What the modal shows filled in: a schedule being edited, or the defaults of a new one. */
export interface ScheduleDraft {
  title: string;
  frequency: Frequency;
  cadence: Cadence | null;
  startTime: string;
  template: TemplateId;
  kpiLines: string | null;
  facilitatorIds: string[];
  collectHours: number;
  votingHours: number | null;
  prepareHours: number;
}

export function newScheduleDraft(creatorId: string, frequency: Frequency = DEFAULT_FREQUENCY): ScheduleDraft {
  return {
    title: '',
    frequency,
    cadence: null,
    startTime: DEFAULT_START_TIME,
    template: TEMPLATE_IDS[0],
    kpiLines: null,
    facilitatorIds: [creatorId],
    collectHours: Number(DEFAULT_COLLECT_DAYS) * 24,
    votingHours: Number(DEFAULT_VOTING_LENGTH),
    prepareHours: Number(DEFAULT_PREPARE_HOURS),
  };
}

function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plainText(text, LIMITS.optionText),
    value: truncate(value, LIMITS.optionValue),
    ...(description ? { description: plainText(description, LIMITS.optionDescription) } : {}),
  };
}

function select(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  chosen: string,
  extra: Partial<InputBlock> = {},
  actionId: string = INPUT,
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label, LIMITS.inputLabel),
    element: {
      type: 'static_select',
      action_id: actionId,
      options,
      initial_option: options.find((o) => o.value === chosen) ?? options[0],
    },
    ...extra,
  } as InputBlock;
}

const NTHS: Nth[] = [1, 2, 3, 4, 'last'];

/** The day's select: a weekday for weekly cadences; a weekday of the month or a day of it otherwise. */
function dayBlock(draft: ScheduleDraft): InputBlock {
  if (isWeekly(draft.frequency)) {
    const chosen =
      draft.cadence && (draft.cadence.every === 'week' || draft.cadence.every === 'two_weeks')
        ? String(draft.cadence.weekday)
        : '5';
    const options = [1, 2, 3, 4, 5, 6, 0].map((d) => option(WEEKDAYS[d] ?? '', String(d)));
    return select(B.weekday, 'On', options, chosen);
  }
  const rule =
    draft.cadence && (draft.cadence.every === 'month' || draft.cadence.every === 'quarter')
      ? draft.cadence.rule
      : ({ by: 'weekday', nth: 'last', weekday: 5 } as const);
  const weekdays = NTHS.flatMap((nth) =>
    [1, 2, 3, 4, 5, 6, 0].map((d) => option(`The ${nthLabel(nth)} ${WEEKDAYS[d]}`, `w:${nth}:${d}`)),
  );
  const days = Array.from({ length: 31 }, (_, i) =>
    option(
      `The ${dayOfMonthLabel(i + 1)}`,
      `d:${i + 1}`,
      i + 1 > 28 ? 'Or the last day of shorter months' : undefined,
    ),
  );
  const chosen = monthRuleValue(rule);
  const all = [...weekdays, ...days];
  return {
    type: 'input',
    block_id: B.monthDay,
    label: plainText(
      draft.frequency === 'quarter' ? 'On, in the first month of each quarter' : 'On',
      LIMITS.inputLabel,
    ),
    hint: plainText(
      'The 29th, 30th and 31st fall on the last day of shorter months (the 31st is April 30th and February 28th or 29th).',
      LIMITS.inputHint,
    ),
    element: {
      type: 'static_select',
      action_id: INPUT,
      option_groups: [
        { label: plainText('A weekday of the month', 75), options: weekdays },
        { label: plainText('A day of the month', 75), options: days },
      ],
      initial_option: all.find((o) => o.value === chosen) ?? weekdays[0],
    },
  } as InputBlock;
}

/** The hint under the KPIs: the format, and what an empty field carries over. */
function kpiHint(carried: readonly string[]): string {
  const carry = carried.length
    ? `Leave empty to carry the KPIs of this channel’s last retro each time (now: ${carried.join(', ')}).`
    : 'Leave empty to carry the KPIs of this channel’s last retro each time (it has none yet).';
  return truncate(
    `One KPI per line: ${KPI_LINE_FORMAT}, targets only (actuals are filled in before each retro). ${carry}`,
    LIMITS.inputHint,
  );
}

/**
 * The schedule modal, new or edited. `zone` is the one the time is read in: the facilitator's for a new
 * schedule, the schedule's own when edited. `carried` names the KPIs an empty field would carry.
 */
export function presentScheduleModal(input: {
  draft: ScheduleDraft;
  zone: string;
  carried: readonly string[];
  editing: boolean;
  metadata: string;
}): ModalView {
  const { draft } = input;
  const title: InputBlock = {
    type: 'input',
    block_id: B.title,
    label: plainText('Title', LIMITS.inputLabel),
    hint: plainText(
      'Each retro is named after it, with its date: "Monthly GTM retro · 25 Dec".',
      LIMITS.inputHint,
    ),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      max_length: MAX_SCHEDULE_TITLE,
      placeholder: plainText('e.g. Monthly GTM retro', LIMITS.placeholder),
      ...(draft.title ? { initial_value: truncate(draft.title, MAX_SCHEDULE_TITLE) } : {}),
    },
  };
  const frequency = select(
    B.frequency,
    'How often',
    FREQUENCIES.map((f) => option(FREQUENCY_LABELS[f], f)),
    draft.frequency,
    { dispatch_action: true },
    SCHEDULE_IDS.frequencySelect,
  );
  const time: InputBlock = {
    type: 'input',
    block_id: B.time,
    label: plainText(`Time (${input.zone})`, LIMITS.inputLabel),
    hint: plainText(
      `The retro starts at this time in ${input.zone}, summer and winter alike.`,
      LIMITS.inputHint,
    ),
    element: {
      type: 'timepicker',
      action_id: INPUT,
      initial_time: draft.startTime,
      timezone: input.zone,
    } as types.Timepicker,
  };
  const startingOn: InputBlock = {
    type: 'input',
    block_id: B.startingOn,
    optional: true,
    label: plainText('Starting on', LIMITS.inputLabel),
    hint: plainText('Leave empty to start at the next matching day.', LIMITS.inputHint),
    element: { type: 'datepicker', action_id: INPUT },
  };
  const templateOptions = TEMPLATE_IDS.map((id) =>
    option(TEMPLATES[id].label, id, TEMPLATES[id].sections.map((s) => s.label).join(' · ')),
  );
  const template: InputBlock = {
    type: 'input',
    block_id: B.template,
    label: plainText('Template', LIMITS.inputLabel),
    element: {
      type: 'radio_buttons',
      action_id: INPUT,
      options: templateOptions,
      initial_option: templateOptions.find((o) => o.value === draft.template) ?? templateOptions[0],
    },
  };
  const kpis: InputBlock = {
    type: 'input',
    block_id: B.kpis,
    optional: true,
    label: plainText('KPIs to review', LIMITS.inputLabel),
    hint: plainText(kpiHint(input.carried), LIMITS.inputHint),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: true,
      max_length: 3000,
      placeholder: plainText('Pipeline | 1.2m | | USD | higher', LIMITS.placeholder),
      ...(draft.kpiLines ? { initial_value: draft.kpiLines } : {}),
    },
  };
  const facilitators: InputBlock = {
    type: 'input',
    block_id: B.facilitators,
    label: plainText('Facilitators', LIMITS.inputLabel),
    hint: plainText(
      'They run each retro, are asked to prepare it, and can change this schedule.',
      LIMITS.inputHint,
    ),
    element: {
      type: 'multi_users_select',
      action_id: INPUT,
      initial_users: draft.facilitatorIds,
      placeholder: plainText('Pick teammates', LIMITS.placeholder),
    },
  };
  const collect = select(
    B.collect,
    'Feedback is collected for',
    COLLECT_DAYS.map((d) => option(COLLECT_LABELS[d], d)),
    String(Math.round(draft.collectHours / 24)),
  );
  const voting = select(
    B.votingLength,
    'Voting lasts',
    VOTING_LENGTHS.map((l) => option(VOTING_LABELS[l], l)),
    draft.votingHours === null ? 'manual' : String(draft.votingHours),
  );
  const prepare = select(
    B.prepare,
    'Ask facilitators to prepare',
    PREPARE_HOURS.map((h) => option(PREPARE_LABELS[h], h)),
    String(draft.prepareHours),
    {
      hint: plainText('A DM with the KPIs to fill in and the open action items to review.', LIMITS.inputHint),
    },
  );
  return {
    type: 'modal',
    callback_id: SCHEDULE_IDS.view,
    title: plainText(input.editing ? 'Edit the schedule' : 'Schedule retros', LIMITS.modalTitle),
    submit: plainText(input.editing ? 'Save' : 'Schedule', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks: [
      title,
      frequency,
      dayBlock(draft),
      time,
      startingOn,
      template,
      kpis,
      facilitators,
      collect,
      voting,
      prepare,
    ],
  };
}
