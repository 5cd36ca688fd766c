import { type Sides, sidesOf } from './rounds.js';
import { percentile, type Samples } from './stats.js';

export interface RowResult {
  workload: string;
  concurrency: number;
  samples: Sides<Samples>;
}

const HEADER = [
  'workload',
  'senders',
  'n (each)',
  'Rearview p50 / p99 ms',
  'bare Bolt p50 / p99 ms',
  'ratio p50 / p99',
  'durable floor p50 / p99 ms',
  'Rearview ÷ durable floor',
  'CPU ms per request (Rearview / bare / floor)',
  'failed (Rearview / bare / floor)',
];

/** p50 and p99 of samples, or NaN for a side the row does not have. */
function p50p99(samples: Samples | undefined): [number, number] {
  return samples ? [percentile(samples.ms, 0.5), percentile(samples.ms, 0.99)] : [Number.NaN, Number.NaN];
}

/** The rows as a Markdown table, so it can be pasted where the figures are discussed. */
export function formatTable(rows: RowResult[]): string {
  const lines = rows.map((row) => {
    const { rearview, bare, durable } = row.samples;
    const [r50, r99] = p50p99(rearview);
    const [b50, b99] = p50p99(bare);
    const [d50, d99] = p50p99(durable);
    return [
      row.workload,
      String(row.concurrency),
      String(Math.min(...sidesOf(row.samples).map((side) => row.samples[side]?.ms.length ?? 0))),
      `${ms(r50)} / ${ms(r99)}`,
      `${ms(b50)} / ${ms(b99)}`,
      `${ratio(r50, b50)} / ${ratio(r99, b99)}`,
      durable ? `${ms(d50)} / ${ms(d99)}` : '—',
      durable ? `${ratio(r50, d50)} / ${ratio(r99, d99)}` : '—',
      sidesOf(row.samples)
        .map((side) => cpuPerRequest(row.samples[side]))
        .join(' / '),
      sidesOf(row.samples)
        .map((side) => row.samples[side]?.failures ?? 0)
        .join(' / '),
    ];
  });
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${i === 0 ? '-' : ''}${'-'.repeat(w)}${i === 0 ? '-' : ':'}`).join('|')}|`;
  return [format(HEADER), rule, ...lines.map(format)].join('\n');
}

/** This process's CPU during a side's bursts, per request sent. */
function cpuPerRequest(samples: Samples | undefined): string {
  return samples && samples.ms.length > 0 ? (samples.cpuMs / samples.ms.length).toFixed(2) : '—';
}

function ms(value: number): string {
  if (Number.isNaN(value)) return '—';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function ratio(a: number, b: number): string {
  if (!(b > 0) || Number.isNaN(a)) return '—';
  const r = a / b;
  return r >= 10 ? r.toFixed(0) : r.toFixed(2);
}

/** For each row with failures, what the first one got back. */
export function formatFailures(rows: RowResult[]): string[] {
  return rows.flatMap((row) =>
    sidesOf(row.samples).flatMap((side) => {
      const { failures = 0, firstFailure } = row.samples[side] ?? {};
      if (failures === 0) return [];
      const answer = (firstFailure ?? '').replace(/\s+/g, ' ').slice(0, 300);
      return [
        `${failures} failed (${side}, ${row.workload}, ${row.concurrency} senders); the first got: ${answer}`,
      ];
    }),
  );
}

/** The app's error log lines, grouped by message and error, most frequent first. */
export function formatAppErrors(logLines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of logLines) {
    let entry: { level?: number; msg?: string; err?: { message?: string } };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if ((entry.level ?? 0) < 50) continue;
    const key = `${entry.msg ?? '?'}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, n]) => `Rearview logged ${n} × ${key.slice(0, 300)}`);
}
