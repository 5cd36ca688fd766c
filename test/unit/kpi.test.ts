import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatVariance,
  type Kpi,
  kpiVariance,
  kpiVerdict,
  parseKpiActual,
  parseKpiLines,
  parseNumber,
} from '../../src/retro/kpi.js';
import { SUGGESTED_KPIS } from '../../src/retro/templates.js';

const EXPECTED_COLUMNS = 'expected "Metric | target | actual", then optionally "| unit | higher/lower"';

function kpi(overrides: Partial<Kpi> = {}): Kpi {
  return { metric: 'MQLs', target: 500, actual: 560, unit: 'leads', higherIsBetter: true, ...overrides };
}

describe('parseKpiLines', () => {
  it('parses a full line', () => {
    expect(parseKpiLines('MQLs | 500 | 560 | leads | higher')).toEqual({
      ok: true,
      kpis: [{ metric: 'MQLs', target: 500, actual: 560, unit: 'leads', higherIsBetter: true }],
    });
  });

  it('ignores blank lines, allows blank actual and unit, and defaults the direction to higher', () => {
    const result = parseKpiLines('\n  \nSignups | 2000 |  |  \r\n\nCost per lead | 40 | 38 | USD | lower\n');
    expect(result).toEqual({
      ok: true,
      kpis: [
        { metric: 'Signups', target: 2000, actual: null, unit: '', higherIsBetter: true },
        { metric: 'Cost per lead', target: 40, actual: 38, unit: 'USD', higherIsBetter: false },
      ],
    });
  });

  it.each([
    ['higher', true],
    ['LOWER', false],
    ['Higher is better', true],
    ['lower  is  better', false],
    ['', true],
  ])('accepts direction %j', (direction, higherIsBetter) => {
    const result = parseKpiLines(`CTR | 2 | 1 | % | ${direction}`);
    expect(result.ok && result.kpis[0]?.higherIsBetter).toBe(higherIsBetter);
  });

  it.each([
    ['1,200', 1200, ''],
    ['1200.5', 1200.5, ''],
    ['12%', 12, '%'],
    ['$40', 40, 'USD'],
    ['€40', 40, 'EUR'],
    ['£1,500', 1500, 'GBP'],
    ['2.5k', 2500, ''],
    ['1.2m', 1_200_000, ''],
    ['1.1M', 1_100_000, ''],
    ['$2.5k', 2500, 'USD'],
    ['-5', -5, ''],
    ['.5', 0.5, ''],
  ])('reads target %j as %d with implied unit %j', (raw, value, unit) => {
    const result = parseKpiLines(`Metric | ${raw} | | | higher`);
    expect(result).toEqual({
      ok: true,
      kpis: [{ metric: 'Metric', target: value, actual: null, unit, higherIsBetter: true }],
    });
  });

  it('keeps an explicit unit over the one implied by the number', () => {
    const result = parseKpiLines('Budget | $40 | | dollars | lower');
    expect(result.ok && result.kpis[0]?.unit).toBe('dollars');
  });

  it('takes the implied unit from the actual when the target has none', () => {
    const result = parseKpiLines('Open rate | 20 | 23% | | higher');
    expect(result.ok && result.kpis[0]).toMatchObject({ target: 20, actual: 23, unit: '%' });
  });

  it('accepts a row pasted from a Markdown table', () => {
    const result = parseKpiLines('| MQLs | 500 | 560 | leads | higher |');
    expect(result).toEqual({ ok: true, kpis: [kpi()] });
  });

  it.each<[string, Kpi]>([
    ['Win rate | 22% | 19%', { metric: 'Win rate', target: 22, actual: 19, unit: '%', higherIsBetter: true }],
    [
      'CAC | $180 | $212 | | lower',
      { metric: 'CAC', target: 180, actual: 212, unit: 'USD', higherIsBetter: false },
    ],
    [
      'Pipeline | 1,200 | 1,050',
      { metric: 'Pipeline', target: 1200, actual: 1050, unit: '', higherIsBetter: true },
    ],
    ['Signups | 2,000 |', { metric: 'Signups', target: 2000, actual: null, unit: '', higherIsBetter: true }],
    ['CAC | 180 | 212 | lower', { metric: 'CAC', target: 180, actual: 212, unit: '', higherIsBetter: false }],
    [
      'Leads | 500 | 450 | leads',
      { metric: 'Leads', target: 500, actual: 450, unit: 'leads', higherIsBetter: true },
    ],
  ])('accepts the short line %j', (line, expected) => {
    expect(parseKpiLines(line)).toEqual({ ok: true, kpis: [expected] });
  });

  it('refuses a target and an actual written in different units', () => {
    expect(parseKpiLines('Win rate | 22% | $19')).toEqual({
      ok: false,
      errors: ['Line 1: target and actual are in different units (a percentage and USD).'],
    });
  });

  it('parses every suggested KPI line', () => {
    for (const lines of Object.values(SUGGESTED_KPIS)) {
      const result = parseKpiLines(lines.join('\n'));
      expect(result.ok, lines.join('\n')).toBe(true);
      expect(result.ok && result.kpis).toHaveLength(lines.length);
    }
  });

  it.each([
    ['MQLs', `Line 1: ${EXPECTED_COLUMNS} — found 1 column.`],
    ['MQLs | 500', `Line 1: ${EXPECTED_COLUMNS} — found 2 columns.`],
    ['MQLs | 500 | 560 | leads | higher | extra', `Line 1: ${EXPECTED_COLUMNS} — found 6 columns.`],
    ['MQLs | abc | | leads', 'Line 1: target "abc" is not a number.'],
    ['MQLs | 1,2 | | leads', 'Line 1: target "1,2" is not a number.'],
    ['MQLs |  | | leads', 'Line 1: target is missing.'],
    ['MQLs | 500 | lots | leads', 'Line 1: actual "lots" is not a number.'],
    ['MQLs | 500 | | leads | up', 'Line 1: direction "up" must be "higher" or "lower".'],
    [' | 500 | | leads', 'Line 1: metric name is missing.'],
    [`${'m'.repeat(81)} | 500 | | leads`, 'Line 1: metric name is 81 characters; keep it to 80 or fewer.'],
    [
      `MQLs | 500 | | ${'u'.repeat(21)}`,
      `Line 1: unit "${'u'.repeat(21)}" is 21 characters; keep it to 20 or fewer.`,
    ],
    [`MQLs | ${'9x'.repeat(20)} | |`, `Line 1: target "${'9x'.repeat(14)}9…" is not a number.`],
    ['MQLs | $12% | | ', 'Line 1: target "$12%" is not a number.'],
  ])('rejects %j', (text, error) => {
    expect(parseKpiLines(text)).toEqual({ ok: false, errors: [error] });
  });

  it('rejects more than 20 KPIs', () => {
    const text = Array.from({ length: 21 }, (_, i) => `Metric ${i + 1} | ${i + 1} | | |`).join('\n');
    expect(parseKpiLines(text)).toEqual({
      ok: false,
      errors: ['You listed 21 KPIs; keep it to 20 or fewer.'],
    });
  });

  it('accepts exactly 20 KPIs', () => {
    const text = Array.from({ length: 20 }, (_, i) => `Metric ${i + 1} | ${i + 1} | | |`).join('\n');
    const result = parseKpiLines(text);
    expect(result.ok && result.kpis).toHaveLength(20);
  });

  it('reports every bad line with its 1-based line number, counting blank lines', () => {
    const text = ['MQLs | 500 | | leads', '', 'CTR | abc | | %', 'Bad', 'X | 1 | y | | sideways'].join('\n');
    expect(parseKpiLines(text)).toEqual({
      ok: false,
      errors: [
        'Line 3: target "abc" is not a number.',
        `Line 4: ${EXPECTED_COLUMNS} — found 1 column.`,
        'Line 5: actual "y" is not a number.',
        'Line 5: direction "sideways" must be "higher" or "lower".',
      ],
    });
  });

  it('does not mistake Object prototype names for valid directions', () => {
    const result = parseKpiLines('MQLs | 500 | | | constructor');
    expect(result).toEqual({
      ok: false,
      errors: ['Line 1: direction "constructor" must be "higher" or "lower".'],
    });
  });
});

describe('parseNumber', () => {
  it('returns null for empty and garbage input', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('k')).toBeNull();
    expect(parseNumber('12,34,567')).toBeNull();
  });
});

describe('kpiVariance', () => {
  it.each<[Partial<Kpi>, ReturnType<typeof kpiVariance>]>([
    [
      { target: 500, actual: 560 },
      { status: 'met', variance: 60, variancePct: 12 },
    ],
    [
      { target: 500, actual: 460 },
      { status: 'missed', variance: -40, variancePct: -8 },
    ],
    [
      { target: 500, actual: 500 },
      { status: 'met', variance: 0, variancePct: 0 },
    ],
    [
      { target: 40, actual: 30, higherIsBetter: false },
      { status: 'met', variance: -10, variancePct: -25 },
    ],
    [
      { target: 40, actual: 50, higherIsBetter: false },
      { status: 'missed', variance: 10, variancePct: 25 },
    ],
    [
      { target: 40, actual: 40, higherIsBetter: false },
      { status: 'met', variance: 0, variancePct: 0 },
    ],
    [
      { target: 0, actual: 3 },
      { status: 'met', variance: 3, variancePct: null },
    ],
    [
      { target: -10, actual: -5 },
      { status: 'met', variance: 5, variancePct: 50 },
    ],
    [
      { target: 500, actual: null },
      { status: 'pending', variance: null, variancePct: null },
    ],
  ])('%j → %j', (overrides, expected) => {
    expect(kpiVariance(kpi(overrides))).toEqual(expected);
  });

  it('removes floating-point noise from the variance', () => {
    expect(kpiVariance(kpi({ target: 2.5, actual: 2.7 })).variance).toBe(0.2);
  });
});

describe('formatNumber', () => {
  it.each([
    [1200, 'leads', '1,200 leads'],
    [2.5, '%', '2.5%'],
    [40, 'USD', '$40'],
    [40, 'usd', '$40'],
    [40, 'EUR', '€40'],
    [1500, 'GBP', '£1,500'],
    [40, '$', '$40'],
    [1_200_000, '', '1,200,000'],
    [1 / 3, '', '0.33'],
    [-40, 'USD', '−$40'],
    [-3, 'leads', '−3 leads'],
    [0, '%', '0%'],
  ])('formatNumber(%d, %j) = %j', (n, unit, expected) => {
    expect(formatNumber(n, unit)).toBe(expected);
  });
});

describe('formatVariance', () => {
  it.each([
    [{ variance: 60, variancePct: 12.5 }, '', '+12.5%'],
    [{ variance: -40, variancePct: -8 }, '', '−8.0%'],
    [{ variance: 0, variancePct: 0 }, '', '0.0%'],
    [{ variance: -0.01, variancePct: -0.04 }, '', '0.0%'],
    [{ variance: 3, variancePct: null }, 'leads', '+3 leads'],
    [{ variance: -5, variancePct: null }, 'USD', '−$5'],
    [{ variance: null, variancePct: null }, '', '—'],
  ])('%j with unit %j → %j', (variance, unit, expected) => {
    expect(formatVariance(variance, unit)).toBe(expected);
  });
});

describe('kpiVerdict', () => {
  it.each<[Partial<Kpi>, string]>([
    [
      { metric: 'Win rate', target: 22, actual: 19, unit: '%' },
      'missed, 3 percentage points worse than target (−13.6% relative)',
    ],
    [
      { metric: 'Win rate', target: 22, actual: 23, unit: '%' },
      'met, 1 percentage point better than target (+4.5% relative)',
    ],
    [
      { metric: 'CAC', target: 180, actual: 212, unit: 'USD', higherIsBetter: false },
      'missed, $32 worse than target (+17.8%)',
    ],
    [
      { metric: 'CAC', target: 180, actual: 150, unit: 'USD', higherIsBetter: false },
      'met, $30 better than target (−16.7%)',
    ],
    [{ target: 2000, actual: 2250, unit: 'signups' }, 'met, 250 signups better than target (+12.5%)'],
    [{ target: 500, actual: 500 }, 'met, on target'],
    [{ target: 0, actual: 3 }, 'met, 3 leads better than target'],
    [{ target: 500, actual: null }, 'not measured yet'],
  ])('%j → %j', (overrides, expected) => {
    expect(kpiVerdict(kpi(overrides))).toBe(expected);
  });
});

describe('parseKpiActual', () => {
  it.each([
    ['', { ok: true, value: null }],
    ['  ', { ok: true, value: null }],
    ['1,200', { ok: true, value: 1200 }],
    ['$35', { ok: true, value: 35 }],
    ['2.5k', { ok: true, value: 2500 }],
    ['lots', { ok: false, error: '"lots" is not a number. Write it like 1200, 1,200, 2.5k or 12%.' }],
  ])('%j', (raw, expected) => {
    expect(parseKpiActual(raw)).toEqual(expected);
  });
});
