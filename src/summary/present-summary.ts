import type { ActionStatus } from '../action-items/action-item.js';
import { recurrenceWords } from '../feedback/present-recurrence.js';
import { kpiVerdict } from '../retro/kpi.js';
import { presentKpiLine } from '../retro/present-kpi-line.js';
import { retroKindLabel, TEMPLATES } from '../retro/templates.js';
import { plural } from '../shared/text.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section, titledSections } from '../slack/blocks.js';
import { type Message, toMessages } from '../slack/messages.js';
import { bold, dueDateToken, inlineText, slackDate } from '../slack/mrkdwn.js';
import { sectionBlocks, topItemLines } from './present-items.js';
import { sinceLastTimeBlocks } from './present-since-last-time.js';
import { type Summary, sectionVotes, summaryLead } from './summary.js';

const ACTION_STATUS: Record<ActionStatus, string> = {
  open: 'open',
  done: '✅ done',
  cancelled: 'cancelled',
};

function actionLine(action: Summary['actions'][number], names: (userId: string) => string): string {
  const title = inlineText(action.title) || 'Untitled';
  const shown = action.status === 'cancelled' ? `~${title.replaceAll('~', '')}~` : title;
  const from = action.source ? `\n     ↳ _From ${inlineText(action.source)}_` : '';
  return `• ${shown} — ${names(action.ownerId)}, due ${dueDateToken(action.dueDate)} · ${ACTION_STATUS[action.status]}${from}`;
}

/** Owners named in the opening lines; the rest are counted. */
const MAX_OWNERS_NAMED = 5;

/** Three lines a reader who reads nothing else takes away: the KPIs, the top pick, who does what by when. */
function leadLines(summary: Summary, names: (userId: string) => string): string[] {
  const lead = summaryLead(summary);
  let kpis: string;
  if (summary.scorecard.length === 0) kpis = 'none were set.';
  else if (lead.kpisMeasured === 0) kpis = `none measured yet (${plural(lead.kpisPending, 'KPI')} set).`;
  else {
    const pending = lead.kpisPending > 0 ? `, ${lead.kpisPending} not measured yet` : '';
    const worst = lead.worstMiss
      ? ` Worst miss: ${bold(lead.worstMiss.metric, 'KPI')}, ${inlineText(kpiVerdict(lead.worstMiss))}.`
      : '';
    kpis = `${lead.kpisMet} of ${lead.kpisMeasured} measured met their target${pending}.${worst}`;
  }
  const first = summary.topItems[0];
  let top: string;
  if (summary.votesHidden) top = 'voting is still open.';
  else if (!first) top = 'nobody voted.';
  else
    top = `${inlineText(first.text)} (${plural(first.votes, 'vote')}, ${first.emoji} ${inlineText(first.sectionLabel)})`;
  let actions = 'none open.';
  if (lead.openActions > 0 && lead.earliestDue) {
    const named = lead.owners.slice(0, MAX_OWNERS_NAMED).map(names);
    const more = lead.owners.length - named.length;
    const owners = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    actions = `${plural(lead.openActions, 'open item')}, owned by ${owners}; the first is due ${dueDateToken(lead.earliestDue)}.`;
  }
  return [`*KPIs:* ${kpis}`, `*Top-voted:* ${top}`, `*Actions:* ${actions}`];
}

/** What the summary covers: the kind of work reviewed, the days the retro ran, and where it was held. */
function coverLine(summary: Summary): string {
  const day = (date: Date) => slackDate(date, '{date_short}', date.toISOString().slice(0, 10));
  const held = summary.startedAt
    ? `Held ${day(summary.startedAt)} – ${day(summary.closedAt)}`
    : `Closed ${slackDate(summary.closedAt)}`;
  // Without a link from Slack, say where it was held rather than link nowhere.
  const thread = summary.threadUrl ? ` · <${summary.threadUrl}|Open the retro thread>` : ' in this channel';
  return `${retroKindLabel(summary.kind)} review · ${TEMPLATES[summary.template].label} · ${held}${thread}`;
}

/** The team's picks across sections lead; without votes there is nothing to rank, and it says so. */
function topItemsBlocks(summary: Summary): KnownBlock[] {
  if (summary.votesHidden) {
    return [section('*Top items*\n_Voting is still open: vote totals are shown once it ends._')];
  }
  if (summary.topItems.length === 0) return [section('*Top items*\n_Nobody voted, so no item is ranked._')];
  return titledSections('*Top items*', topItemLines(summary.topItems), '*Top items* (continued)');
}

/** What the channel keeps saying, retro after retro; nothing when nothing came up before. */
function recurringThemesBlocks(summary: Summary): KnownBlock[] {
  if (summary.recurringThemes.length === 0) return [];
  const lines = summary.recurringThemes.map(
    (r) => `• ${inlineText(r.text)}\n     ${recurrenceWords(r.recurrence)}`,
  );
  return titledSections('*Recurring themes*', lines, '*Recurring themes* (continued)');
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
    context(coverLine(summary)),
  ];

  blocks.push(section(leadLines(summary, names).join('\n')));

  if (summary.scorecard.length === 0) {
    blocks.push(section('*KPI scorecard*\n_No KPIs were set for this retro._'));
  } else {
    const current = { title: summary.title, at: summary.startedAt ?? summary.closedAt };
    const lines = summary.scorecard.map((row) => presentKpiLine(row.kpi, row.history, current));
    blocks.push(...titledSections('*KPI scorecard*', lines, '*KPI scorecard* (continued)'));
  }

  blocks.push(...topItemsBlocks(summary), section('*By section*'));
  for (const s of summary.sections) {
    const votes = summary.votesHidden || s.total === 0 ? '' : ` · ${sectionVotes(s.votes)}`;
    const name = bold(`${s.emoji} ${s.label}`, 'Other');
    const heading = `${name} (${plural(s.total, 'item')}${votes})`;
    blocks.push(...sectionBlocks(s, heading, `${name} (continued)`, !summary.votesHidden));
  }

  blocks.push(...recurringThemesBlocks(summary));

  if (summary.rootCauses.length === 0) {
    blocks.push(section('*Root causes*\n_No Five Whys were run._'));
  } else {
    const lines = summary.rootCauses.map(
      (r) => `• ${inlineText(r.problem)}\n     ↳ _Root cause:_ ${inlineText(r.rootCause)}`,
    );
    blocks.push(...titledSections('*Root causes*', lines, '*Root causes* (continued)'));
  }

  blocks.push(...sinceLastTimeBlocks(summary.sinceLastTime, names));
  if (summary.actions.length === 0) {
    blocks.push(section('*Action items*\n_No action items yet._'));
  } else {
    // No buttons: the summary is read, and forwarded, by people who do not own the items; owners act
    // from their own message about each item.
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
  return toMessages(
    blocks,
    `Retro summary: ${title} — ${plural(summary.actions.length, 'action item')}`,
    `Retro summary: ${title}, continued`,
  );
}
