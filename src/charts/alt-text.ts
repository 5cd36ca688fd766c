import { type ChartInput, type ChartRow, chartRows, type STATUS_LABEL, valueLabel } from './chart-data.js';

/** What Slack keeps of an image's alt text. */
const ALT_TEXT_MAX = 1_000;

const STATUS_WORDS = {
  met: 'met',
  missed: 'missed',
  pending: 'not measured yet',
  no_target: 'no target',
} satisfies Record<keyof typeof STATUS_LABEL, string>;

function sentence(row: ChartRow): string {
  const direction = row.higherIsBetter ? 'higher is better' : 'lower is better';
  const parts = [
    `${row.metric}: actual ${valueLabel(row.actual, row.unit)}, target ${valueLabel(row.target, row.unit)}, ${STATUS_WORDS[row.status]} (${direction})`,
  ];
  const earlier = row.trend.filter((p) => !p.current);
  if (earlier.length > 0) {
    parts.push(`earlier ${earlier.map((p) => `${p.label} ${valueLabel(p.value, row.unit)}`).join(', ')}`);
  }
  parts.push(...row.notes);
  return `${parts.join('; ')}.`;
}

/**
 * The chart in words for a screen reader: each KPI's actual and target, its verdict and its earlier
 * values. Past Slack's limit the last KPIs are named as left out, pointing at the summary's lines.
 */
export function chartAltText(input: ChartInput): string {
  const rows = chartRows(input);
  let text = `KPI chart of ${input.retroTitle}.`;
  for (const [index, row] of rows.entries()) {
    const next = `${text} ${sentence(row)}`;
    const rest = rows.length - index;
    const tail = ` ${rest} more KPIs are in the summary.`;
    if (next.length + (index < rows.length - 1 ? tail.length : 0) > ALT_TEXT_MAX) {
      return `${text}${tail}`.slice(0, ALT_TEXT_MAX);
    }
    text = next;
  }
  return text.slice(0, ALT_TEXT_MAX);
}
