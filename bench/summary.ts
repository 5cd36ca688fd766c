import { performance } from 'node:perf_hooks';
import { presentSummary } from '../src/summary/present-summary.js';
import { composeSummary, type SummaryInput, summaryToMarkdown } from '../src/summary/summary.js';
import { itemText } from './retro-driver.js';
import { median } from './stats.js';

export interface SummaryTimes {
  runs: number;
  /** Median ms of composing the summary and rendering it as the close posts it (Block Kit). */
  composeAndPresent: number;
  /** Median ms of the Markdown export of the same summary. */
  markdown: number;
}

/** Composes the summary of a closed retro of `items` items, as the close and the export do, `runs` times. */
export function timeSummary(items: number, runs: number): SummaryTimes {
  const input = closedRetro(items);
  const present: number[] = [];
  const markdown: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const summary = composeSummary(input);
    presentSummary(summary);
    const composed = performance.now();
    summaryToMarkdown(summary, { names: (id) => id, exportedAt: new Date(0) });
    present.push(composed - start);
    markdown.push(performance.now() - composed);
  }
  return { runs, composeAndPresent: median(present), markdown: median(markdown) };
}

function closedRetro(count: number): SummaryInput {
  const sections = ['start', 'stop', 'continue'];
  const items = Array.from({ length: count }, (_, i) => ({
    id: `item-${i}`,
    section: sections[i % sections.length] ?? 'start',
    text: itemText(`s${i}`, 40 + (i % 7) * 60),
    anonymous: i % 2 === 0,
    authorId: i % 2 === 0 ? null : `UAUTHOR${i % 40}`,
  }));
  return {
    title: 'Q3 launch of the self-serve plan',
    kind: 'launch',
    template: 'start_stop_continue',
    closedAt: new Date(),
    kpis: [
      { metric: 'Signups', target: 2000, actual: 2250, unit: 'signups', higherIsBetter: true },
      { metric: 'Cost per lead', target: 40, actual: 52, unit: 'USD', higherIsBetter: false },
    ],
    items,
    votes: new Map(items.filter((_, i) => i % 3 === 0).map((item, i) => [item.id, 1 + (i % 9)])),
    participantCount: 400,
    rootCauses: [{ problem: 'Leads went cold', rootCause: 'No follow-up owner after the webinar' }],
    actions: [
      { title: 'Name a follow-up owner per webinar', ownerId: 'UFAC', dueDate: '2026-12-01', status: 'open' },
    ],
  };
}
