import type { ActionStatus } from '../action-items/action-item.js';
import {
  formatNumber,
  formatVariance,
  KPI_STATUS_EMOJI,
  type Kpi,
  type KpiStatus,
  kpiVariance,
} from '../retro/kpi.js';
import {
  groupBySection,
  type RetroKind,
  retroKindLabel,
  TEMPLATES,
  type TemplateId,
} from '../retro/templates.js';
import { formatUtc } from '../shared/dates.js';
import { oneLine, plural } from '../shared/text.js';

export interface SummaryInput {
  title: string;
  kind: RetroKind;
  template: TemplateId;
  closedAt: Date;
  kpis: Kpi[];
  items: { id: string; section: string; text: string; anonymous: boolean; authorId: string | null }[];
  /** itemId → number of votes. */
  votes: Map<string, number>;
  participantCount: number;
  rootCauses: { problem: string; rootCause: string }[];
  actions: {
    /** Given when the item is stored, so the summary can offer its buttons while it is open. */
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
  top: SummaryItem[];
  total: number;
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
  scorecard: ScorecardRow[];
  sections: SummarySection[];
  participation: Participation;
  rootCauses: SummaryInput['rootCauses'];
  actions: SummaryInput['actions'];
}

function byVotesThenText(a: SummaryItem, b: SummaryItem): number {
  return b.votes - a.votes || a.text.localeCompare(b.text, 'en');
}

function topItems(items: SummaryItem[], limit: number): SummaryItem[] {
  const voted = items.filter((i) => i.votes > 0);
  // Unvoted items are listed only when nobody voted in the section; otherwise they would look like
  // picks the team made.
  const pool = voted.length > 0 ? voted : items;
  return [...pool].sort(byVotesThenText).slice(0, limit);
}

export function composeSummary(input: SummaryInput, topPerSection = 3): Summary {
  const scorecard = input.kpis.map((kpi): ScorecardRow => ({ kpi, ...kpiVariance(kpi) }));

  const entries = input.items.map((item) => ({
    section: item.section,
    text: item.text,
    votes: input.votes.get(item.id) ?? 0,
    // Belt and braces: even if a caller passes an author for an anonymous item, it never leaves here.
    authorId: item.anonymous ? null : item.authorId,
  }));
  const sections = groupBySection(input.template, entries).map(
    (group): SummarySection => ({
      id: group.id,
      label: group.label,
      emoji: group.emoji ?? '•',
      top: topItems(
        group.items.map(({ text, votes, authorId }) => ({ text, votes, authorId })),
        topPerSection,
      ),
      total: group.items.length,
    }),
  );

  const anonymousCount = input.items.filter((i) => i.anonymous).length;
  return {
    title: input.title,
    kind: input.kind,
    template: input.template,
    closedAt: input.closedAt,
    scorecard,
    sections,
    participation: {
      people: input.participantCount,
      items: input.items.length,
      anonymousShare: input.items.length === 0 ? 0 : anonymousCount / input.items.length,
    },
    rootCauses: input.rootCauses.map((r) => ({ ...r })),
    actions: input.actions.map((a) => ({ ...a })),
  };
}

const STATUS_LABEL: Record<KpiStatus, string> = { met: 'Met', missed: 'Missed', pending: 'Pending' };

function cell(text: string): string {
  return oneLine(text).replaceAll('|', '\\|');
}

const defaultName = (userId: string): string => `<@${userId}>`;

export function summaryToMarkdown(summary: Summary, names: (userId: string) => string = defaultName): string {
  const out: string[] = [];
  out.push(`# ${oneLine(summary.title)}`, '');
  out.push(
    `**Reviewing:** ${retroKindLabel(summary.kind)} · **Template:** ${TEMPLATES[summary.template].label} · **Closed:** ${formatUtc(summary.closedAt)}`,
    '',
  );

  out.push('## KPI scorecard', '');
  if (summary.scorecard.length === 0) {
    out.push('_No KPIs were set for this retro._');
  } else {
    out.push('| Metric | Target | Actual | Variance | Status |', '| --- | ---: | ---: | ---: | --- |');
    for (const row of summary.scorecard) {
      const { kpi } = row;
      const actual = kpi.actual === null ? '—' : formatNumber(kpi.actual, kpi.unit);
      out.push(
        `| ${cell(kpi.metric)} | ${cell(formatNumber(kpi.target, kpi.unit))} | ${cell(actual)} | ${formatVariance(row, kpi.unit)} | ${KPI_STATUS_EMOJI[row.status]} ${STATUS_LABEL[row.status]} |`,
      );
    }
  }
  out.push('');

  out.push('## Top items', '');
  for (const section of summary.sections) {
    out.push(`### ${section.emoji} ${section.label} (${plural(section.total, 'item')})`, '');
    if (section.top.length === 0) {
      out.push('_No items._');
    } else {
      section.top.forEach((item, index) => {
        const author = item.authorId === null ? '' : ` · ${names(item.authorId)}`;
        out.push(`${index + 1}. ${oneLine(item.text)} — ${plural(item.votes, 'vote')}${author}`);
      });
    }
    out.push('');
  }

  out.push('## Root causes', '');
  if (summary.rootCauses.length === 0) {
    out.push('_None recorded yet._');
  } else {
    for (const r of summary.rootCauses) {
      out.push(`- **Problem:** ${oneLine(r.problem)}`, `  **Root cause:** ${oneLine(r.rootCause)}`);
    }
  }
  out.push('');

  out.push('## Action items', '');
  if (summary.actions.length === 0) {
    out.push('_None yet._');
  } else {
    for (const a of summary.actions) {
      const box = a.status === 'done' ? '[x]' : '[ ]';
      const title = a.status === 'cancelled' ? `~~${oneLine(a.title)}~~` : oneLine(a.title);
      const from = a.source ? ` — from ${oneLine(a.source)}` : '';
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
