import { describe, expect, it } from 'vitest';
import { chartAltText } from '../../src/charts/alt-text.js';
import { type ChartInput, type ChartKpi, chartRows } from '../../src/charts/chart-data.js';
import { chartSpec } from '../../src/charts/chart-spec.js';
import { CHART_PNG_WIDTH, rasterise, renderChart, renderSvg } from '../../src/charts/render-chart.js';

const PIPELINE: ChartKpi = {
  metric: 'Pipeline',
  unit: 'k$',
  higherIsBetter: true,
  target: 100,
  actual: 80,
  earlier: [
    { label: 'Q4', value: 55, unit: 'k$' },
    { label: 'Q1', value: 62, unit: 'k$' },
    { label: 'Q2', value: 71, unit: 'k$' },
  ],
};

const FIXTURE: ChartInput = {
  retroTitle: 'Q3 launch',
  currentLabel: 'Q3',
  kpis: [
    { metric: 'Win rate', unit: '%', higherIsBetter: true, target: 22, actual: 19, earlier: [] },
    { metric: 'CAC', unit: 'USD', higherIsBetter: false, target: 180, actual: 165, earlier: [] },
    PIPELINE,
    { metric: 'Press mentions', unit: '', higherIsBetter: true, target: 15, actual: 17, earlier: [] },
  ],
};

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function expectValidPng(png: Buffer): void {
  expect(png.length).toBeGreaterThan(1_000);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
}

/** The PNG is the SVG scaled to the chart's fixed width. */
function expectedHeight(svg: string): number {
  const [, width, height] = /<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/.exec(svg) ?? [];
  return Math.round((Number(height) * CHART_PNG_WIDTH) / Number(width));
}

describe('KPI chart', () => {
  it('renders the fixture retro as a PNG of the expected size, the same bytes twice', async () => {
    const svg = await renderSvg(chartSpec(FIXTURE));
    const first = await rasterise(svg);
    expectValidPng(first.png);
    expect(pngSize(first.png)).toEqual({ width: CHART_PNG_WIDTH, height: expectedHeight(svg) });
    expect(first.height).toBeGreaterThan(600);
    const second = await renderChart(chartSpec(FIXTURE));
    expect(second.png.equals(first.png)).toBe(true);
  });

  it('tells met from missed in words and shape, and puts the unit and direction on the axis', async () => {
    const svg = await renderSvg(chartSpec(FIXTURE));
    expect(svg).toContain('19% vs target 22% — ✗ missed');
    expect(svg).toContain('$165 vs target $180 — ✓ met');
    expect(svg).toContain('← lower is better · USD');
    expect(svg).toContain('% · higher is better →');
    expect(svg).toContain('Pipeline across retros');
    expect(svg).toContain('target 100 k$');
  });

  it('states each KPI’s actual and target, and the earlier values, in the alt text', () => {
    const alt = chartAltText(FIXTURE);
    expect(alt).toContain('Win rate: actual 19%, target 22%, missed (higher is better)');
    expect(alt).toContain('CAC: actual $165, target $180, met (lower is better)');
    expect(alt).toContain(
      'Pipeline: actual 80 k$, target 100 k$, missed (higher is better); earlier Q4 55 k$, Q1 62 k$, Q2 71 k$',
    );
    expect(alt).toContain('Press mentions: actual 17, target 15, met');
  });
});

describe('KPI chart with bad input', () => {
  const one = (kpi: Partial<ChartKpi>): ChartInput => ({
    retroTitle: 'Edge',
    currentLabel: 'Now',
    kpis: [
      { metric: 'Metric', unit: 'leads', higherIsBetter: true, target: 10, actual: 5, earlier: [], ...kpi },
    ],
  });

  it.each([
    ['no target', one({ target: null }), 'no target set'],
    ['a target of 0', one({ target: 0, actual: 3 }), 'actual 3 leads, target 0 leads, met'],
    ['negative values', one({ target: -5, actual: -12 }), 'actual −12 leads, target −5 leads, missed'],
    ['1e15', one({ target: 1e15, actual: 9e14 }), 'target 1,000,000,000,000,000 leads'],
    ['not measured yet', one({ actual: null }), 'actual —, target 10 leads, not measured yet'],
    ['not a number', one({ actual: Number.NaN }), 'the actual is not a number the chart can draw'],
  ])('%s renders a chart and says it in words', async (_case, input, words) => {
    const { png } = await renderChart(chartSpec(input));
    expectValidPng(png);
    expect(pngSize(png).width).toBe(CHART_PNG_WIDTH);
    expect(chartAltText(input)).toContain(words);
  });

  it('leaves out earlier values in another unit and says so, never mixing them on one axis', async () => {
    const input = one({
      unit: '%',
      earlier: [
        { label: 'Q1', value: 400, unit: 'leads' },
        { label: 'Q2', value: 12, unit: '%' },
      ],
    });
    const [row] = chartRows(input);
    expect(row?.trend.map((p) => p.label)).toEqual(['Q2', 'Now']);
    expect(row?.notes).toContain('earlier values in leads not drawn (now in %)');
    const svg = await renderSvg(chartSpec(input));
    expect(svg).toContain('Note: earlier values in leads not drawn (now in %)');
    expect(svg).not.toContain('400 leads');
    expectValidPng((await rasterise(svg)).png);
  });

  it('draws 20 KPIs with 8 retros each, and keeps the alt text within Slack’s limit', async () => {
    const kpis: ChartKpi[] = Array.from({ length: 20 }, (_, k) => ({
      metric: `A rather long KPI name number ${k + 1} for the pipeline review`,
      unit: k % 2 ? 'USD' : '%',
      higherIsBetter: k % 3 !== 0,
      target: 100 + k,
      actual: 90 + k * 2,
      earlier: Array.from({ length: 7 }, (_, r) => ({
        label: `Sprint ${r + 1}`,
        value: 80 + r * 3,
        unit: k % 2 ? 'USD' : '%',
      })),
    }));
    const input: ChartInput = { retroTitle: 'Big one', currentLabel: 'Sprint 8', kpis };
    const { png, height } = await renderChart(chartSpec(input));
    expectValidPng(png);
    expect(pngSize(png)).toEqual({ width: CHART_PNG_WIDTH, height });
    const alt = chartAltText(input);
    expect(alt.length).toBeLessThanOrEqual(1_000);
    expect(alt).toMatch(/\d+ more KPIs are in the summary\.$/);
  });

  it('keeps markup in a metric name as text in the SVG', async () => {
    const svg = await renderSvg(chartSpec(one({ metric: '<script>alert(1)</script> & co' })));
    expect(svg).not.toContain('<script>');
    expectValidPng((await rasterise(svg)).png);
  });
});
