import type { ActionItem } from '../action-items/action-item.js';
import { formatNumber, type Kpi } from '../retro/kpi.js';
import type { ActionsBlock, KnownBlock } from '../slack/block-kit.js';
import { chunkLines, context, LIMITS, plainText, section } from '../slack/blocks.js';
import type { Message } from '../slack/messages.js';
import { bold, dueDateToken, inlineText, slackDate, truncate } from '../slack/mrkdwn.js';
import { SCHEDULE_IDS } from './schedules.ids.js';

interface Occurrence {
  title: string;
  channelId: string;
  occurrence: Date;
  next: Date;
}

function message(text: string, blocks: KnownBlock[] = [section(text)]): Message {
  return { text: truncate(text, LIMITS.sectionText), blocks };
}

export function presentMissedDm(o: Occurrence): Message {
  return message(
    `The scheduled retro ${bold(o.title)} in <#${o.channelId}> did not start on ${slackDate(o.occurrence)}: ` +
      `Rearview was not running then, and a start is only made up for later the same day. ` +
      `The next one starts ${slackDate(o.next)}.`,
  );
}

export function presentSkippedDm(o: Occurrence): Message {
  return message(
    `The scheduled retro ${bold(o.title)} in <#${o.channelId}> did not start on ${slackDate(o.occurrence)}: ` +
      `the channel still had an open retro. Close it with \`/retro close\` before the next start, ` +
      `${slackDate(o.next)}.`,
  );
}

export function presentCardFailedDm(retro: { title: string; channelId: string }): Message {
  return message(
    `The scheduled retro ${bold(retro.title)} could not start: I can’t post in <#${retro.channelId}>. ` +
      'Invite me with `/invite @Rearview` there; the next start will then go ahead.',
  );
}

/** The value of the preparation DM's button: the schedule and the occurrence it prepares. */
export function prepareButtonValue(scheduleId: string, occurrence: Date): string {
  return `${scheduleId}|${occurrence.toISOString()}`;
}

function kpiLine(kpi: Kpi): string {
  const target = formatNumber(kpi.target, kpi.unit);
  const actual = kpi.actual === null ? 'no actual yet' : `actual ${formatNumber(kpi.actual, kpi.unit)}`;
  return `• ${inlineText(kpi.metric)}: target ${inlineText(target)}, ${inlineText(actual)}`;
}

function actionLine(item: ActionItem): string {
  return `• ${inlineText(item.text)} — <@${item.ownerId}>, due ${dueDateToken(item.dueDate)}`;
}

/**
 * The DM a facilitator gets before a scheduled retro: when it starts (a date token, read in their own
 * zone), the KPIs to fill in with the button to their actuals, and the channel's open action items.
 */
export function presentPreparationDm(input: {
  scheduleId: string;
  title: string;
  channelId: string;
  occurrence: Date;
  kpis: readonly Kpi[];
  openActions: readonly ActionItem[];
  openTotal: number;
}): Message {
  const when = `${bold(input.title)} starts in <#${input.channelId}> ${slackDate(input.occurrence)}.`;
  const blocks: KnownBlock[] = [section(`🗓️ Time to prepare: ${when}`)];
  if (input.kpis.length) {
    blocks.push(
      ...chunkLines([
        '*KPIs to fill in* (the actuals you save now are on the card when it starts):',
        ...input.kpis.map(kpiLine),
      ]).map(section),
    );
    const button: ActionsBlock = {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: SCHEDULE_IDS.prepareKpis,
          style: 'primary',
          text: plainText('Fill in KPI actuals', LIMITS.buttonText),
          value: prepareButtonValue(input.scheduleId, input.occurrence),
        },
      ],
    };
    blocks.push(button);
  } else {
    blocks.push(context('No KPIs to fill in: this retro has none yet.'));
  }
  if (input.openActions.length) {
    const more = input.openTotal - input.openActions.length;
    blocks.push(
      ...chunkLines([
        '*Open action items to review*:',
        ...input.openActions.map(actionLine),
        ...(more > 0 ? [`…and ${more} more — \`/retro actions all\` in the channel`] : []),
      ]).map(section),
    );
  } else {
    blocks.push(context('No open action items in this channel.'));
  }
  return { text: truncate(`Time to prepare: ${when}`, LIMITS.sectionText), blocks };
}

export const PREPARE_TITLE = 'Prepare the retro';
export const PREPARATION_GONE = 'This schedule no longer exists, so there is nothing to prepare.';
export const PREPARATION_NOT_YOURS = 'Only the facilitators of this schedule can fill in its KPI actuals.';
export const PREPARATION_PASSED =
  'This retro’s start has passed (or its schedule changed), so there is nothing left to prepare for it.';
export const PREPARED_SAVED = 'Saved. The actuals will be on the retro’s card when it starts.';

export function preparationStartedText(link: string | null): string {
  const card = link ? `<${link}|its card>` : 'its card in the channel';
  return `This retro has already started: fill in the KPI actuals from ${card} (*Update KPI actuals*).`;
}
