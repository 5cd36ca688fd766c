import type { ActionStatus } from '../action-items/action-item.js';
import type { SinceLastTime } from '../carry-over/review.js';
import type { Recurrence } from '../feedback/recurring-themes.js';
import {
  formatNumber,
  KPI_STATUS_EMOJI,
  type Kpi,
  type KpiStatus,
  kpiVariance,
  kpiVerdict,
} from '../retro/kpi.js';
import {
  type KpiHistory,
  kpiTrend,
  labelsByTitle,
  linkedActionsWords,
  pointValue,
  trendWords,
} from '../retro/kpi-series.js';
import type { Phase } from '../retro/phases.js';
import { PHASE_LABELS } from '../retro/present-phase.js';
import {
  groupBySection,
  type RetroKind,
  retroKindLabel,
  TEMPLATES,
  type TemplateId,
} from '../retro/templates.js';
import { formatInZone, todayIn } from '../shared/dates.js';
import { oneLine, plural } from '../shared/text.js';
import { sinceLastTimeMarkdown } from './present-since-last-time.js';

export interface SummaryInput {
  title: string;
  kind: RetroKind;
  template: TemplateId;
  /** When the retro closed, or, for an export of an open retro, the moment of the export. */
  closedAt: Date;
  /** When the retro started: with `closedAt`, the period the summary covers. */
  startedAt?: Date;
  /** Where the retro is now; a summary posted at the close says `closed`. */
  phase?: Phase;
  /** The retro card's thread, where the reveal, the top items and the Five Whys are; null when unknown. */
  threadUrl?: string | null;
  /** `history`: the KPI's earlier values in the channel and its linked actions (kpi-series.ts). */
  kpis: (Kpi & { history?: KpiHistory })[];
  items: { id: string; section: string; text: string; anonymous: boolean; authorId: string | null }[];
  /** itemId → the channel's earlier retros it came up in. */
  recurring?: ReadonlyMap<string, Recurrence>;
  /** itemId → number of votes. */
  votes: Map<string, number>;
  /** Set while voting runs: totals stay hidden until it ends, so the summary shows none. */
  votesHidden?: boolean;
  participantCount: number;
  rootCauses: { problem: string; rootCause: string }[];
  /** What the review at the start of this retro made of last time's open actions; null: none to review. */
  sinceLastTime?: SinceLastTime | null;
  actions: {
    /** The stored item's id; absent for items not stored yet. */
    id?: string;
    title: string;
    ownerId: string;
    dueDate: string /* YYYY-MM-DD */;
    status: ActionStatus;
    /** Where it came from, e.g. `root cause: …`; null for items noted with `/retro action`. */
    source?: string | null;
  }[];
}

export interface ScorecardRow {
  kpi: Kpi;
  history?: KpiHistory;
  variance: number | null;
  variancePct: number | null;
  status: KpiStatus;
}

export interface SummaryItem {
  text: string;
  votes: number;
  /** Always null for anonymous items. */
  authorId: string | null;
}

export interface SummarySection {
  id: string;
  label: string;
  emoji: string;
  /** Items with at least one vote, most votes first (ties by text); empty when nobody voted here. */
  top: SummaryItem[];
  /** Items nobody voted for, by text: shown as they are, never ranked, and only where nothing was voted. */
  unvoted: SummaryItem[];
  total: number;
  /** Votes cast on this section's items. */
  votes: number;
}

/** One of the retro's overall top items, with the section it is in. */
export interface TopItem extends SummaryItem {
  sectionLabel: string;
  emoji: string;
}

export interface Participation {
  people: number;
  items: number;
  /** 0..1 */
  anonymousShare: number;
}

export interface Summary {
  title: string;
  kind: RetroKind;
  template: TemplateId;
  closedAt: Date;
  startedAt: Date | null;
  phase: Phase;
  threadUrl: string | null;
  scorecard: ScorecardRow[];
  /** The team's picks across all sections, most votes first; empty when nobody voted. */
  topItems: TopItem[];
  sections: SummarySection[];
  participation: Participation;
  rootCauses: SummaryInput['rootCauses'];
  actions: SummaryInput['actions'];
  sinceLastTime: SinceLastTime | null;
  votesHidden: boolean;
  /** Items that came up in earlier retros, longest run first; their text only, never who said them. */
  recurringThemes: { text: string; recurrence: Recurrence }[];
}

function byVotesThenText(a: SummaryItem, b: SummaryItem): number {
  return b.votes - a.votes || a.text.localeCompare(b.text, 'en');
}

/** How many of the team's picks lead the summary and the post that ends voting. */
const TOP_OVERALL = 3;

/**
 * The overall top items, taken from the sections' own top lists: an item among the best `limit` of the
 * retro is among the best `limit` of its section, so none is missed while each section keeps at least
 * `limit`. Unvoted items are never picks.
 */
export function overallTop(sections: SummarySection[], limit = TOP_OVERALL): TopItem[] {
  return sections
    .flatMap((s) => s.top.map((item): TopItem => ({ ...item, sectionLabel: s.label, emoji: s.emoji })))
    .filter((item) => item.votes > 0)
    .sort(byVotesThenText)
    .slice(0, limit);
}

/** What the three opening lines of the summary say: how the KPIs did, the top pick, who does what next. */
export interface SummaryLead {
  kpisMeasured: number;
  kpisMet: number;
  kpisPending: number;
  /** The missed KPI furthest from its target, relative to it. */
  worstMiss: Kpi | null;
  openActions: number;
  /** Owners of open actions, each once, in order of their earliest due date. */
  owners: string[];
  earliestDue: string | null;
}

export function summaryLead(summary: Summary): SummaryLead {
  const measured = summary.scorecard.filter((row) => row.status !== 'pending');
  const missed = summary.scorecard
    .filter((row) => row.status === 'missed')
    .sort((a, b) => Math.abs(b.variancePct ?? 0) - Math.abs(a.variancePct ?? 0));
  const open = summary.actions
    .filter((a) => a.status === 'open')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    kpisMeasured: measured.length,
    kpisMet: measured.filter((row) => row.status === 'met').length,
    kpisPending: summary.scorecard.length - measured.length,
    worstMiss: missed[0]?.kpi ?? null,
    openActions: open.length,
    owners: [...new Set(open.map((a) => a.ownerId))],
    earliestDue: open[0]?.dueDate ?? null,
  };
}

export function composeSummary(input: SummaryInput, topPerSection = 3): Summary {
  const scorecard = input.kpis.map(
    ({ history, ...kpi }): ScorecardRow => ({ kpi, ...kpiVariance(kpi), ...(history ? { history } : {}) }),
  );

  const entries = input.items.map((item) => ({
    section: item.section,
    text: item.text,
    votes: input.votes.get(item.id) ?? 0,
    // Belt and braces: even if a caller passes an author for an anonymous item, it never leaves here.
    authorId: item.anonymous ? null : item.authorId,
  }));
  const sections = groupBySection(input.template, entries).map((group): SummarySection => {
    const items = group.items.map(({ text, votes, authorId }): SummaryItem => ({ text, votes, authorId }));
    // A section's first items with "0 votes" would read as the team's picks; they are not ranked at all.
    const voted = items.filter((i) => i.votes > 0).sort(byVotesThenText);
    return {
      id: group.id,
      label: group.label,
      emoji: group.emoji ?? '•',
      top: voted.slice(0, topPerSection),
      unvoted: items.filter((i) => i.votes === 0).sort(byVotesThenText),
      total: items.length,
      votes: voted.reduce((sum, i) => sum + i.votes, 0),
    };
  });

  const anonymousCount = input.items.filter((i) => i.anonymous).length;
  return {
    title: input.title,
    kind: input.kind,
    template: input.template,
    closedAt: input.closedAt,
    startedAt: input.startedAt ?? null,
    phase: input.phase ?? 'closed',
    threadUrl: input.threadUrl ?? null,
    scorecard,
    topItems: overallTop(sections, Math.min(TOP_OVERALL, topPerSection)),
    sections,
    participation: {
      people: input.participantCount,
      items: input.items.length,
      anonymousShare: input.items.length === 0 ? 0 : anonymousCount / input.items.length,
    },
    rootCauses: input.rootCauses.map((r) => ({ ...r })),
    actions: input.actions.map((a) => ({ ...a })),
    sinceLastTime: input.sinceLastTime ?? null,
    votesHidden: input.votesHidden === true,
    recurringThemes: recurringThemesOf(input),
  };
}

function recurringThemesOf(input: SummaryInput): Summary['recurringThemes'] {
  return input.items
    .flatMap((item) => {
      const recurrence = input.recurring?.get(item.id);
      return recurrence ? [{ text: item.text, recurrence }] : [];
    })
    .sort(
      (a, b) =>
        (b.recurrence.inARow ?? 1) - (a.recurrence.inARow ?? 1) ||
        b.recurrence.titles.length - a.recurrence.titles.length ||
        a.text.localeCompare(b.text, 'en'),
    );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Said of a section whose items nobody voted for: they are listed, never ranked. */
export const NO_VOTES_IN_SECTION = '_Nobody voted in this section, so nothing is ranked._';

/** "9 votes", "no votes": a section's votes, in its heading. */
export function sectionVotes(votes: number): string {
  return votes === 0 ? 'no votes' : plural(votes, 'vote');
}

/**
 * User-typed text for a Markdown file, as typed and on one line: only what a Markdown viewer would turn
 * into something else than the text is marked, so a link written as `[label](url)` shows its address
 * and `<tag>` or `<!channel>` shows as typed. The file is read as a document, so nothing else is escaped.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replaceAll('[', '\\[')
    .replace(/<(?=[A-Za-z/!?@#])/g, '\\<');
}

/** The same in a table cell, where `|` would end the cell. */
function markdownCell(text: string): string {
  return markdownText(text).replaceAll('|', '\\|');
}

/** Everyone a summary names: action owners and the authors of attributed items (never an anonymous one). */
export function peopleNamedIn(summary: Summary): string[] {
  const authors = summary.sections.flatMap((s) => [...s.top, ...s.unvoted].map((i) => i.authorId));
  return [
    ...new Set(
      [
        ...summary.actions.map((a) => a.ownerId),
        ...(summary.sinceLastTime?.items.map((i) => i.ownerId) ?? []),
        ...authors,
      ].filter((id): id is string => id !== null),
    ),
  ];
}

export interface MarkdownOptions {
  /** A person's name as the file shows it (owners, named authors). */
  names: (userId: string) => string;
  /** When the file was made, and the zone of the person who asked for it. */
  exportedAt: Date;
  zone?: string | undefined;
}

/** Where the retro stands, truthfully: an export of an open retro does not say it closed. */
function statusLine(summary: Summary, options: MarkdownOptions): string {
  const at = (date: Date) => formatInZone(date, options.zone);
  const phase =
    summary.phase === 'closed' || summary.phase === 'cancelled'
      ? `${PHASE_LABELS[summary.phase]} ${at(summary.closedAt)}`
      : PHASE_LABELS[summary.phase];
  return `**Status:** ${phase} · exported ${at(options.exportedAt)}`;
}

/**
 * A KPI's earlier values beside this retro's, the trend and its linked actions, as a list item:
 * "- **CAC**: Q2: $212 → Q3: $188 · improving, $24 better than last time · 2 linked actions: 1 done, 1 open".
 * Dates are the requester's days; none when the KPI has no history.
 */
function markdownOverTime(row: ScorecardRow, summary: Summary, zone: string | undefined): string[] {
  const { kpi, history } = row;
  const actions = history ? linkedActionsWords(history.actions) : null;
  if (!history || (history.earlier.length === 0 && actions === null)) return [];
  const parts: string[] = [];
  if (history.earlier.length > 0) {
    const points = history.earlier.map((p) => ({ title: p.retroTitle, at: p.at, value: pointValue(p) }));
    if (kpi.actual !== null) {
      const at = summary.startedAt ?? summary.closedAt;
      points.push({ title: summary.title, at, value: formatNumber(kpi.actual, kpi.unit) });
    }
    const byTitle = labelsByTitle(points.map((p) => p.title));
    const values = points
      .map((p) => `${byTitle ? markdownText(p.title) : todayIn(zone, p.at)}: ${markdownText(p.value)}`)
      .join(' → ');
    parts.push(kpi.actual === null ? `earlier ${values}` : values);
    const trend = kpiTrend(history.earlier.at(-1), kpi);
    if (trend) parts.push(markdownText(trendWords(trend, kpi.unit)));
  }
  if (actions) parts.push(actions);
  return [`- **${markdownText(kpi.metric).replaceAll('*', '')}**: ${parts.join(' · ')}`];
}

export function summaryToMarkdown(summary: Summary, options: MarkdownOptions): string {
  const names = (userId: string) => markdownText(options.names(userId));
  const out: string[] = [];
  out.push(`# ${markdownText(summary.title)}`, '');
  const held = summary.startedAt
    ? ` · **Held:** ${todayIn(options.zone, summary.startedAt)}${summary.phase === 'closed' ? ` – ${todayIn(options.zone, summary.closedAt)}` : ' onwards'}`
    : '';
  out.push(
    `**Reviewing:** ${retroKindLabel(summary.kind)} · **Template:** ${TEMPLATES[summary.template].label}${held}`,
    '',
    statusLine(summary, options),
    '',
  );
  if (summary.threadUrl) out.push(`**Retro thread:** ${summary.threadUrl}`, '');

  out.push('## KPI scorecard', '');
  if (summary.scorecard.length === 0) {
    out.push('_No KPIs were set for this retro._');
  } else {
    out.push('| Metric | Actual | Target | Result |', '| --- | ---: | ---: | --- |');
    for (const row of summary.scorecard) {
      const { kpi } = row;
      const actual = kpi.actual === null ? '—' : formatNumber(kpi.actual, kpi.unit);
      out.push(
        `| ${markdownCell(kpi.metric)} | ${markdownCell(actual)} | ${markdownCell(formatNumber(kpi.target, kpi.unit))} | ${KPI_STATUS_EMOJI[row.status]} ${markdownCell(capitalized(kpiVerdict(kpi)))} |`,
      );
    }
    const overTime = summary.scorecard.flatMap((row) => markdownOverTime(row, summary, options.zone));
    if (overTime.length > 0) out.push('', '**Over time:**', '', ...overTime);
  }
  out.push('');

  out.push('## Top items', '');
  if (summary.votesHidden) out.push('_Voting is still open: vote totals are shown once it ends._');
  else if (summary.topItems.length === 0) out.push('_Nobody voted, so no item is ranked._');
  summary.topItems.forEach((item, index) => {
    out.push(
      `${index + 1}. ${markdownText(item.text)} — ${plural(item.votes, 'vote')} · ${item.emoji} ${markdownText(item.sectionLabel)}`,
    );
  });
  out.push('');

  out.push('## By section', '');
  for (const section of summary.sections) {
    const votes = summary.votesHidden || section.total === 0 ? '' : `, ${sectionVotes(section.votes)}`;
    out.push(`### ${section.emoji} ${section.label} (${plural(section.total, 'item')}${votes})`, '');
    const author = (item: SummaryItem) => (item.authorId === null ? '' : ` · ${names(item.authorId)}`);
    if (section.total === 0) {
      out.push('_No items._');
    } else if (section.top.length > 0) {
      section.top.forEach((item, index) => {
        out.push(`${index + 1}. ${markdownText(item.text)} — ${plural(item.votes, 'vote')}${author(item)}`);
      });
      // The file is the record: what nobody voted for is kept, after the ranking.
      if (section.unvoted.length > 0) out.push('', '_Also raised, without votes:_', '');
      for (const item of section.unvoted) out.push(`- ${markdownText(item.text)}${author(item)}`);
    } else {
      if (!summary.votesHidden) out.push(NO_VOTES_IN_SECTION, '');
      for (const item of section.unvoted) out.push(`- ${markdownText(item.text)}${author(item)}`);
    }
    out.push('');
  }

  out.push('## Root causes', '');
  if (summary.rootCauses.length === 0) {
    out.push('_None recorded yet._');
  } else {
    for (const r of summary.rootCauses) {
      out.push(`- **Problem:** ${markdownText(r.problem)}`, `  **Root cause:** ${markdownText(r.rootCause)}`);
    }
  }
  out.push('');

  out.push(...sinceLastTimeMarkdown(summary.sinceLastTime, names, markdownText));
  out.push('## Action items', '');
  if (summary.actions.length === 0) {
    out.push('_None yet._');
  } else {
    for (const a of summary.actions) {
      const box = a.status === 'done' ? '[x]' : '[ ]';
      const title = a.status === 'cancelled' ? `~~${markdownText(a.title)}~~` : markdownText(a.title);
      const from = a.source ? ` — from ${markdownText(a.source)}` : '';
      out.push(`- ${box} ${title} — ${names(a.ownerId)}, due ${a.dueDate} (${a.status})${from}`);
    }
  }
  out.push('');

  const { people, items, anonymousShare } = summary.participation;
  out.push(
    '## Participation',
    '',
    `- People: ${people}`,
    `- Items: ${items}`,
    `- Anonymous: ${Math.round(anonymousShare * 100)}%`,
    '',
  );
  return out.join('\n');
}

/**
 * What `/retro export` may show of a retro: nothing of its feedback before the reveal, the items but
 * no vote totals while voting runs, everything after.
 */
export type ExportScope = 'nothing_yet' | 'without_votes' | 'everything';

export function exportScope(retro: { phase: Phase; revealedAt: Date | null }): ExportScope {
  // A retro closed straight from collecting posted its summary, items included; a cancelled one never did.
  if (retro.phase === 'collecting' || (retro.phase === 'cancelled' && !retro.revealedAt))
    return 'nothing_yet';
  return retro.phase === 'voting' ? 'without_votes' : 'everything';
}

/** The summary input cut to what the scope allows. */
export function limitToScope(input: SummaryInput, scope: ExportScope): SummaryInput {
  if (scope === 'everything') return input;
  return {
    ...input,
    votes: new Map(),
    votesHidden: true,
    ...(scope === 'nothing_yet' ? { items: [], rootCauses: [] } : {}),
  };
}
