import type { types } from '@slack/bolt';
import { KPI_LINE_FORMAT, type Kpi, kpiLineOf } from '../retro/kpi.js';
import { ANONYMOUS } from '../retro/retro.ids.js';
import {
  RETRO_KINDS,
  type RetroKind,
  retroKindLabel,
  SUGGESTED_KPIS,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from '../retro/templates.js';
import { todayIn } from '../shared/dates.js';
import { oneLine } from '../shared/text.js';
import { instantAtWallClock } from '../shared/wall-clock.js';
import type { InputBlock, ModalView, PlainTextOption } from '../slack/block-kit.js';
import { LIMITS, plainText } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { truncate } from '../slack/mrkdwn.js';
import { SETUP_IDS } from './setup.ids.js';
import {
  DEFAULT_VOTE_BUDGET,
  DEFAULT_VOTING_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_VOTE_BUDGET,
  VOTING_LENGTHS,
} from './setup-form.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Three days from now, at 17:00 on the facilitator's own clock (the end of their working day, which is
 * what the datetime picker shows them); at 17:00 UTC when their zone is not known.
 */
export function defaultDeadline(now: Date, timeZone?: string): Date {
  const day = todayIn(timeZone, new Date(now.getTime() + 3 * DAY_MS));
  return instantAtWallClock(timeZone, day, 17);
}

const VOTING_LENGTH_LABELS: Record<(typeof VOTING_LENGTHS)[number], string> = {
  '4': '4 hours',
  '24': '1 day',
  '48': '2 days',
  '72': '3 days',
  manual: 'Until a facilitator ends it',
};

function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plainText(text, LIMITS.optionText),
    value: truncate(value, LIMITS.optionValue),
    ...(description ? { description: plainText(description, LIMITS.optionDescription) } : {}),
  };
}

/** Changes with the kind: the setup modal is re-rendered when the kind select changes. */
export function presentKpiHint(kind: RetroKind): string {
  const ideas = SUGGESTED_KPIS[kind].map((line) => line.split('|')[0]?.trim() ?? '').filter(Boolean);
  const forKind = kind === 'other' ? 'Ideas' : `Ideas for a ${retroKindLabel(kind).toLowerCase()}`;
  return truncate(
    `One KPI per line: ${KPI_LINE_FORMAT}. Unit and direction may be left off: the unit then comes from ` +
      'the numbers (12%, $40, €40, £40) and higher is better. E.g. "Win rate | 22% | 19%" or ' +
      '"CAC | $180 | $212 | | lower". Numbers may be written 1,200, 1200.5, 2.5k or 1.2m. ' +
      `Leave actual blank if it isn't measured yet — you can fill it in during the retro with ` +
      `"Update KPI actuals". ${forKind}: ${ideas.join(', ')}.`,
    LIMITS.inputHint,
  );
}

export interface CarriedKpis {
  retroTitle: string;
  kpis: Kpi[];
}

const MAX_KPI_TEXT = 3000;

function carriedHint(carried: CarriedKpis | null | undefined): string {
  if (!carried?.kpis.length) return '';
  const from = oneLine(carried.retroTitle).slice(0, 80) || 'the last retro';
  return `Carried from ${from}; edit targets or remove lines. `;
}

/** The carried KPIs as lines, actuals blank; whole lines only, within the field's length. */
function carriedValue(carried: CarriedKpis | null | undefined): { initial_value?: string } {
  const lines: string[] = [];
  for (const line of (carried?.kpis ?? []).map(kpiLineOf)) {
    if ([...lines, line].join('\n').length > MAX_KPI_TEXT) break;
    lines.push(line);
  }
  return lines.length ? { initial_value: lines.join('\n') } : {};
}

function templateOption(id: TemplateId): PlainTextOption {
  const template = TEMPLATES[id];
  return option(template.label, id, template.sections.map((s) => s.label).join(' · '));
}

export function presentSetupModal(input: {
  title: string;
  kind: RetroKind;
  now: Date;
  /** The facilitator's time zone, for the default deadline. */
  timeZone?: string | undefined;
  /** The KPIs of the channel's last retro, to start from (targets carry over unless changed). */
  carried?: CarriedKpis | null;
  metadata: string;
}): ModalView {
  const title = input.title.trim();

  const titleBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.title,
    label: plainText('Title', LIMITS.inputLabel),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      max_length: MAX_TITLE_LENGTH,
      placeholder: plainText('e.g. Q3 launch retro', LIMITS.placeholder),
      ...(title === '' ? {} : { initial_value: truncate(title, MAX_TITLE_LENGTH) }),
    },
  };

  const kindOptions = RETRO_KINDS.map((k) => option(k.label, k.id));
  const kindBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.kind,
    dispatch_action: true,
    label: plainText('What are you reviewing?', LIMITS.inputLabel),
    element: {
      type: 'static_select',
      action_id: SETUP_IDS.kindSelect,
      options: kindOptions,
      initial_option: kindOptions.find((o) => o.value === input.kind) ?? kindOptions[0],
    },
  };

  const templateOptions = TEMPLATE_IDS.map(templateOption);
  const templateBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.template,
    label: plainText('Template', LIMITS.inputLabel),
    element: {
      type: 'radio_buttons',
      action_id: INPUT,
      options: templateOptions,
      initial_option: templateOptions[0],
    },
  };

  const examples = SUGGESTED_KPIS[input.kind].slice(0, 2).join('\n');
  const kpiBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.kpis,
    optional: true,
    label: plainText('KPIs to review', LIMITS.inputLabel),
    hint: plainText(carriedHint(input.carried) + presentKpiHint(input.kind), LIMITS.inputHint),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: true,
      max_length: MAX_KPI_TEXT,
      placeholder: plainText(examples, LIMITS.placeholder),
      ...carriedValue(input.carried),
    },
  };

  const deadlineBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.deadline,
    label: plainText('Feedback deadline', LIMITS.inputLabel),
    hint: plainText('Collecting moves to voting by itself at this time.', LIMITS.inputHint),
    element: {
      type: 'datetimepicker',
      action_id: INPUT,
      initial_date_time: Math.floor(defaultDeadline(input.now, input.timeZone).getTime() / 1000),
    },
  };

  const anonymousOption = option(
    'Anonymous feedback by default',
    ANONYMOUS.option,
    'People can still choose for each submission.',
  );
  const anonymousBlock: InputBlock = {
    type: 'input',
    block_id: ANONYMOUS.block,
    optional: true,
    label: plainText('Anonymity', LIMITS.inputLabel),
    hint: plainText(
      'Anonymous items are stored without any author: nobody, not even facilitators, can see who wrote them.',
      LIMITS.inputHint,
    ),
    element: {
      type: 'checkboxes',
      action_id: INPUT,
      options: [anonymousOption],
      initial_options: [anonymousOption],
    },
  };

  const budgetOptions = Array.from({ length: MAX_VOTE_BUDGET }, (_, i) =>
    option(String(i + 1), String(i + 1)),
  );
  const budgetBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.voteBudget,
    label: plainText('Votes per person', LIMITS.inputLabel),
    element: {
      type: 'static_select',
      action_id: INPUT,
      options: budgetOptions,
      initial_option: budgetOptions[DEFAULT_VOTE_BUDGET - 1],
    },
  };

  const lengthOptions = VOTING_LENGTHS.map((length) => option(VOTING_LENGTH_LABELS[length], length));
  const votingLengthBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.votingLength,
    label: plainText('Voting lasts', LIMITS.inputLabel),
    hint: plainText(
      'Counted from the reveal; then the top items are posted and the retro moves to discussion by itself.',
      LIMITS.inputHint,
    ),
    element: {
      type: 'static_select',
      action_id: INPUT,
      options: lengthOptions,
      initial_option: lengthOptions[VOTING_LENGTHS.indexOf(DEFAULT_VOTING_LENGTH)],
    },
  };

  const facilitatorsElement: types.MultiUsersSelect = {
    type: 'multi_users_select',
    action_id: INPUT,
    placeholder: plainText('Pick teammates', LIMITS.placeholder),
  };
  const facilitatorsBlock: InputBlock = {
    type: 'input',
    block_id: SETUP_IDS.blocks.facilitators,
    optional: true,
    label: plainText('Co-facilitators', LIMITS.inputLabel),
    hint: plainText('They can reveal, run voting and close the retro with you.', LIMITS.inputHint),
    element: facilitatorsElement,
  };

  return {
    type: 'modal',
    callback_id: SETUP_IDS.view,
    title: plainText('Start a retro', LIMITS.modalTitle),
    submit: plainText('Start retro', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks: [
      titleBlock,
      kindBlock,
      templateBlock,
      kpiBlock,
      deadlineBlock,
      anonymousBlock,
      budgetBlock,
      votingLengthBlock,
      facilitatorsBlock,
    ],
  };
}
