import type { ActionStatus } from '../action-items/action-item.js';
import { actionButtons } from '../action-items/present-action-item.js';
import { presentKpiLine } from '../retro/present-kpi-line.js';
import { retroKindLabel, TEMPLATES } from '../retro/templates.js';
import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section, titledSections } from '../slack/blocks.js';
import { type Message, toMessages } from '../slack/messages.js';
import { bold, dueDateToken, inlineText, slackDate } from '../slack/mrkdwn.js';
import { sectionBlocks, topItemLines } from './present-items.js';
import { type Summary, sectionVotes } from './summary.js';

const ACTION_STATUS: Record<ActionStatus, string> = {
  open: 'open',
  done: '✅ done',
  cancelled: 'cancelled',
};

/** Open items get Done / Snooze / Reassign / Change due date; past this many they are listed only. */
const MAX_WITH_BUTTONS = 10;

function actionLine(action: Summary['actions'][number], names: (userId: string) => string): string {
  const title = inlineText(action.title) || 'Untitled';
  const shown = action.status === 'cancelled' ? `~${title.replaceAll('~', '')}~` : title;
  const from = action.source ? `\n     ↳ _From ${inlineText(action.source)}_` : '';
  return `• ${shown} — ${names(action.ownerId)}, due ${dueDateToken(action.dueDate)} · ${ACTION_STATUS[action.status]}${from}`;
}

/** The team's picks across sections lead; without votes there is nothing to rank, and it says so. */
function topItemsBlocks(summary: Summary): KnownBlock[] {
  if (summary.votesHidden) {
    return [section('*Top items*\n_Voting is still open: vote totals are shown once it ends._')];
  }
  if (summary.topItems.length === 0) return [section('*Top items*\n_Nobody voted, so no item is ranked._')];
  return titledSections('*Top items*', topItemLines(summary.topItems), '*Top items* (continued)');
}

/**
 * The summary posted when a retro closes, split into messages within Slack's limits. `names` renders a
 * user (action owners); the default is a mention.
 */
export function presentSummary(
  summary: Summary,
  names: (userId: string) => string = (id) => `<@${id}>`,
): Message[] {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plainText(`Retro summary: ${summary.title.trim() || 'Untitled'}`, LIMITS.headerText),
    },
    context(
      `${retroKindLabel(summary.kind)} · ${TEMPLATES[summary.template].label} · Closed ${slackDate(summary.closedAt)}`,
    ),
  ];

  if (summary.scorecard.length === 0) {
    blocks.push(section('*KPI scorecard*\n_No KPIs were set for this retro._'));
  } else {
    const lines = summary.scorecard.map((row) => presentKpiLine(row.kpi));
    blocks.push(...titledSections('*KPI scorecard*', lines, '*KPI scorecard* (continued)'));
  }

  blocks.push(...topItemsBlocks(summary), section('*By section*'));
  for (const s of summary.sections) {
    const votes = summary.votesHidden || s.total === 0 ? '' : ` · ${sectionVotes(s.votes)}`;
    const name = bold(`${s.emoji} ${s.label}`, 'Other');
    const heading = `${name} (${plural(s.total, 'item')}${votes})`;
    blocks.push(...sectionBlocks(s, heading, `${name} (continued)`, !summary.votesHidden));
  }

  if (summary.rootCauses.length === 0) {
    blocks.push(section('*Root causes*\n_No Five Whys were run._'));
  } else {
    const lines = summary.rootCauses.map(
      (r) => `• ${inlineText(r.problem)}\n     ↳ _Root cause:_ ${inlineText(r.rootCause)}`,
    );
    blocks.push(...titledSections('*Root causes*', lines, '*Root causes* (continued)'));
  }

  if (summary.actions.length === 0) {
    blocks.push(section('*Action items*\n_No action items yet._'));
  } else {
    const withButtons = summary.actions.filter((a) => a.id && a.status === 'open').slice(0, MAX_WITH_BUTTONS);
    const lines = summary.actions.filter((a) => !withButtons.includes(a)).map((a) => actionLine(a, names));
    if (lines.length) blocks.push(...titledSections('*Action items*', lines, '*Action items* (continued)'));
    else blocks.push(section('*Action items*'));
    for (const a of withButtons) blocks.push(section(actionLine(a, names)), actionButtons(a.id ?? ''));
  }

  const { people, items, anonymousShare } = summary.participation;
  blocks.push(
    context(
      `*Participation:* ${plural(people, 'person', 'people')} · ${plural(items, 'item')} · ${Math.round(anonymousShare * 100)}% anonymous`,
    ),
  );

  const title = summary.title.trim() || 'Untitled';
  return toMessages(
    blocks,
    `Retro summary: ${title} — ${plural(summary.actions.length, 'action item')}`,
    `Retro summary: ${title}, continued`,
  );
}
