// `npm run bench` (last): how long the KPI chart of a retro with 20 KPIs, each with 7 earlier retros,
// takes to compose (spec, Vega-Lite compiled, Vega's SVG) and to rasterise to PNG. Prints, never fails.
import { performance } from 'node:perf_hooks';
import type { ChartInput } from '../src/charts/chart-data.js';
import { chartSpec } from '../src/charts/chart-spec.js';
import { rasterise, renderSvg } from '../src/charts/render-chart.js';

const RUNS = 10;

const input: ChartInput = {
  retroTitle: 'Quarterly pipeline review',
  currentLabel: 'Retro 8',
  kpis: Array.from({ length: 20 }, (_, k) => ({
    metric: `KPI ${k + 1}: qualified pipeline by segment`,
    unit: k % 2 ? 'USD' : '%',
    higherIsBetter: k % 3 !== 0,
    target: 100 + k * 10,
    actual: 95 + k * 11,
    earlier: Array.from({ length: 7 }, (_, r) => ({
      label: `Retro ${r + 1}`,
      value: 80 + r * 4 + k,
      unit: k % 2 ? 'USD' : '%',
    })),
  })),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const composeMs: number[] = [];
const rasteriseMs: number[] = [];
let bytes = 0;
// A few rounds to warm up, not counted: a running server has compiled these paths long before.
for (let round = 0; round < 3; round++) await rasterise(await renderSvg(chartSpec(input)));
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const svg = await renderSvg(chartSpec(input));
  const composed = performance.now();
  const chart = await rasterise(svg);
  composeMs.push(composed - start);
  rasteriseMs.push(performance.now() - composed);
  bytes = chart.png.length;
}
console.log(`KPI chart, 20 KPIs × 8 retros (median of ${RUNS}):`);
console.log(`  compose (spec → Vega → SVG): ${median(composeMs).toFixed(1)} ms`);
console.log(`  rasterise (SVG → PNG):       ${median(rasteriseMs).toFixed(1)} ms`);
console.log(`  PNG: ${(bytes / 1024).toFixed(0)} KiB`);
