import { presentKpiLine } from '../retro/present-card.js';
import { retroKindLabel, TEMPLATES } from '../retro/templates.js';
import type { KnownBlock } from '../slack/block-kit.js';
import {
  bold,
  context,
  fallbackText,
  inlineText,
  LIMITS,
  plainText,
  plural,
  section,
  slackDate,
  splitIntoMessages,
  titledSections,
} from '../slack/limits.js';
import type { ActionStatus, Summary } from './summary.js';

type Message = { text: string; blocks: KnownBlock[] };

const DUE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `<!date^…^{date_short}|2026-12-01>`, at noon UTC so the day is the same in almost every time zone. */
export function dueDateToken(dueDate: string): string {
  const match = DUE_DATE.exec(dueDate);
  const date = match ? new Date(`${dueDate}T12:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) return inlineText(dueDate);
  return slackDate(date, '{date_short}', dueDate);
}

const ACTION_STATUS: Record<ActionStatus, string> = {
  open: 'open',
  done: '✅ done',
  cancelled: 'cancelled',
};

function actionLine(action: Summary['actions'][number], names: (userId: string) => string): string {
  const title = inlineText(action.title) || 'Untitled';
  const shown = action.status === 'cancelled' ? `~${title.replaceAll('~', '')}~` : title;
  return `• ${shown} — ${names(action.ownerId)}, due ${dueDateToken(action.dueDate)} · ${ACTION_STATUS[action.status]}`;
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

  blocks.push(section('*Top items*'));
  for (const s of summary.sections) {
    const heading = `${bold(`${s.emoji} ${s.label}`, 'Other')} (${plural(s.total, 'item')})`;
    if (s.top.length === 0) {
      blocks.push(section(`${heading}\n_No items._`));
      continue;
    }
    const lines = s.top.map(
      (item, i) => `${i + 1}. ${inlineText(item.text)} (${plural(item.votes, 'vote')})`,
    );
    blocks.push(...titledSections(heading, lines, `${bold(`${s.emoji} ${s.label}`, 'Other')} (continued)`));
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
    const lines = summary.actions.map((a) => actionLine(a, names));
    blocks.push(...titledSections('*Action items*', lines, '*Action items* (continued)'));
  }

  const { people, items, anonymousShare } = summary.participation;
  blocks.push(
    context(
      `*Participation:* ${plural(people, 'person', 'people')} · ${plural(items, 'item')} · ${Math.round(anonymousShare * 100)}% anonymous`,
    ),
  );

  const title = summary.title.trim() || 'Untitled';
  const parts = splitIntoMessages(blocks);
  return parts.map((part, index) => ({
    text: fallbackText(
      index === 0
        ? `Retro summary: ${title} — ${plural(summary.actions.length, 'action item')}`
        : `Retro summary: ${title}, continued (part ${index + 1} of ${parts.length})`,
    ),
    blocks: part,
  }));
}
