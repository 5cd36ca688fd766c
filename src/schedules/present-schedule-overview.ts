import { kpiActualInput } from '../kpi/present-kpi-modal.js';
import type { Kpi } from '../retro/kpi.js';
import type { ActionsBlock, Button, KnownBlock, ModalView } from '../slack/block-kit.js';
import { chunkLines, context, LIMITS, plainText, section } from '../slack/blocks.js';
import { bold, inlineText, slackDate } from '../slack/mrkdwn.js';
import { describeCadence } from './cadence.js';
import { type Schedule, scheduleFacilitators } from './schedule.js';
import { SCHEDULE_IDS } from './schedules.ids.js';

function people(ids: readonly string[]): string {
  return ids.map((id) => `<@${id}>`).join(', ');
}

/** "Next: <date token>", read by Slack in the reader's own zone; or that it is paused. */
export function nextStartText(schedule: Pick<Schedule, 'paused' | 'nextStartAt'>): string {
  if (schedule.paused || !schedule.nextStartAt) return 'Paused';
  return `Next: ${slackDate(schedule.nextStartAt, '{date_long_pretty} at {time}')}`;
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plainText(text, LIMITS.buttonText),
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * `/retro schedule` where one exists: what it is, when the next retro starts (in the reader's zone) and
 * who runs it; Edit, Pause or Resume and Delete for those who may change it, a line saying who may for the
 * others.
 */
export function presentScheduleOverview(input: {
  schedule: Schedule;
  mayChange: boolean;
  metadata: string;
  notice?: string;
}): ModalView {
  const { schedule } = input;
  const blocks: KnownBlock[] = [
    ...(input.notice ? [context(input.notice)] : []),
    section(
      `${bold(schedule.title)} in <#${schedule.channelId}>\n` +
        `Runs ${inlineText(describeCadence(schedule.cadence, schedule.startTime, schedule.timeZone))}.\n` +
        `${nextStartText(schedule)}\n` +
        `Facilitators: ${people(scheduleFacilitators(schedule))}`,
    ),
    context(
      `Feedback is collected for ${schedule.collectHours / 24} day${schedule.collectHours === 24 ? '' : 's'}; ` +
        (schedule.prepareHours > 0
          ? `facilitators are asked to prepare ${schedule.prepareHours >= 24 ? `${schedule.prepareHours / 24} day${schedule.prepareHours === 24 ? '' : 's'}` : `${schedule.prepareHours} hours`} before.`
          : 'facilitators are not asked to prepare.'),
    ),
  ];
  if (input.mayChange) {
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: 'schedule_actions',
      elements: [
        button(SCHEDULE_IDS.edit, 'Edit', schedule.id, 'primary'),
        schedule.paused
          ? button(SCHEDULE_IDS.resume, 'Resume', schedule.id)
          : button(SCHEDULE_IDS.pause, 'Pause', schedule.id),
        button(SCHEDULE_IDS.delete, 'Delete', schedule.id, 'danger'),
      ],
    };
    blocks.push(actions);
  } else {
    blocks.push(
      context(
        `Only its facilitators (${people(scheduleFacilitators(schedule))}) and workspace admins can change this schedule.`,
      ),
    );
  }
  return {
    type: 'modal',
    callback_id: SCHEDULE_IDS.overview,
    title: plainText('Scheduled retros', LIMITS.modalTitle),
    close: plainText('Close', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks,
  };
}

/** Asked before deleting: retros that already ran stay. */
export function presentDeleteConfirm(schedule: Schedule, metadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: SCHEDULE_IDS.deleteConfirm,
    title: plainText('Delete the schedule?', LIMITS.modalTitle),
    submit: plainText('Delete', LIMITS.modalButton),
    close: plainText('Keep it', LIMITS.modalButton),
    private_metadata: metadata,
    blocks: [
      section(
        `No more retros of ${bold(schedule.title)} will start in <#${schedule.channelId}>. ` +
          'Retros that already ran, and one still open, stay as they are.',
      ),
    ],
  };
}

export const SCHEDULE_DELETED = 'The schedule is deleted. Retros that already ran stay as they are.';
export const SCHEDULE_PAUSED = 'Paused: no retro starts until someone resumes it.';
export const SCHEDULE_RESUMED = 'Resumed: the next start is worked out from now.';
export const SCHEDULE_SAVED = 'Saved.';
export const SCHEDULE_GONE = 'This schedule no longer exists.';
export const SCHEDULE_NOT_YOURS =
  'Only the facilitators of this schedule and workspace admins can change it.';
export const SCHEDULE_FORGED =
  'This form could not be verified, so nothing was saved. Run `/retro schedule` again.';
export const SCHEDULE_EXISTS =
  'This channel already has a schedule: run `/retro schedule` to see or change it.';
export const NOT_A_CHANNEL_FOR_SCHEDULE =
  'Retros are scheduled for a channel: type `/retro schedule` in the channel where the team talks.';

/** After a new schedule is saved: what it does, told to its creator. */
export function scheduledText(schedule: Schedule): string {
  return `Scheduled: ${bold(schedule.title)} runs ${inlineText(
    describeCadence(schedule.cadence, schedule.startTime, schedule.timeZone),
  )} in <#${schedule.channelId}>. ${nextStartText(schedule)}.`;
}

/** Input block id of one KPI's actual in the preparation modal, by its place in the list. */
export function prepareBlockId(index: number): string {
  return `prep_kpi_${index}`;
}

/** The preparation DM's KPI actuals modal: one input per KPI of the coming retro. */
export function presentPrepareModal(input: {
  title: string;
  occurrence: Date;
  kpis: readonly Kpi[];
  metadata: string;
}): ModalView {
  const kpis = input.kpis.slice(0, LIMITS.modalBlocks - 1);
  const blocks: KnownBlock[] = [
    context(
      `What did each KPI reach for ${bold(input.title)} (starting ${slackDate(input.occurrence)})? ` +
        'Leave a field empty if it isn’t measured yet.',
    ),
    ...kpis.map((kpi, index) => kpiActualInput(prepareBlockId(index), kpi)),
  ];
  return {
    type: 'modal',
    callback_id: SCHEDULE_IDS.prepareView,
    title: plainText('KPI actuals', LIMITS.modalTitle),
    submit: plainText('Save', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks,
  };
}

/**
 * The Home tab's "Scheduled retros": each schedule's title, channel and rule, and its next start as a date
 * token (read in the reader's own zone); nothing when there are none.
 */
export function presentScheduledSection(schedules: readonly Schedule[]): KnownBlock[] {
  if (schedules.length === 0) return [];
  const lines = schedules.map(
    (s) =>
      `• ${bold(s.title)} in <#${s.channelId}> — ${inlineText(describeCadence(s.cadence, s.startTime, s.timeZone))} · ${nextStartText(s)}`,
  );
  return [
    { type: 'header', text: plainText('Scheduled retros', LIMITS.headerText) },
    ...chunkLines(lines).map(section),
    context('`/retro schedule` in a channel to see or change its schedule'),
  ];
}
