import type { ActionStatus } from '../action-items/action-item.js';
import {
  formatNumber,
  formatVariance,
  KPI_STATUS_EMOJI,
  type Kpi,
  type KpiStatus,
  kpiVariance,
} from '../retro/kpi.js';
import type { Phase } from '../retro/phases.js';
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
  /** Set while voting runs: totals stay hidden until it ends, so the summary shows none. */
  votesHidden?: boolean;
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
  votesHidden: boolean;
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
    votesHidden: input.votesHidden === true,
  };
}

const STATUS_LABEL: Record<KpiStatus, string> = { met: 'Met', missed: 'Missed', pending: 'Pending' };

/**
 * User-typed text for a Markdown file: one line, with everything a viewer would turn into formatting,
 * a link or a mention shown as typed instead (`<!channel>`, `[x](https://…)`, bare `https://…`).
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/@(?=\w)/g, '@\u200b');
}

const defaultName = (userId: string): string => `<@${userId}>`;

export function summaryToMarkdown(summary: Summary, names: (userId: string) => string = defaultName): string {
  const out: string[] = [];
  out.push(`# ${markdownText(summary.title)}`, '');
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
        `| ${markdownText(kpi.metric)} | ${markdownText(formatNumber(kpi.target, kpi.unit))} | ${markdownText(actual)} | ${formatVariance(row, kpi.unit)} | ${KPI_STATUS_EMOJI[row.status]} ${STATUS_LABEL[row.status]} |`,
      );
    }
  }
  out.push('');

  out.push('## Top items', '');
  if (summary.votesHidden) out.push('_Voting is still open: vote totals are shown once it ends._', '');
  for (const section of summary.sections) {
    out.push(`### ${section.emoji} ${section.label} (${plural(section.total, 'item')})`, '');
    if (section.top.length === 0) {
      out.push('_No items._');
    } else {
      section.top.forEach((item, index) => {
        const author = item.authorId === null ? '' : ` · ${names(item.authorId)}`;
        const votes = summary.votesHidden ? '' : ` — ${plural(item.votes, 'vote')}`;
        out.push(`${index + 1}. ${markdownText(item.text)}${votes}${author}`);
      });
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
