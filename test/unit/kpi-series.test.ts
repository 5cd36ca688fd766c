import { describe, expect, it } from 'vitest';
import { kpiChoicesOf, kpiLinkOf } from '../../src/action-items/kpi-choice.js';
import { checkSeriesLinks, linkableKpis } from '../../src/kpi/series-links.js';
import { type Kpi, kpiLineOf, parseKpiLines } from '../../src/retro/kpi.js';
import {
  type KpiHistory,
  kpiTrend,
  labelsByTitle,
  linkedActionsWords,
  trendWords,
} from '../../src/retro/kpi-series.js';
import { presentCard } from '../../src/retro/present-card.js';
import { presentKpiHistory, presentKpiLine } from '../../src/retro/present-kpi-line.js';
import type { Retro, RetroKpi } from '../../src/retro/retro.js';
import { presentSetupModal } from '../../src/setup/present-setup-modal.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { sampleRetro } from '../fixtures/retro.js';
import { assertMessageLimits, blockTexts } from './block-kit-limits.js';

const CAC: Kpi = { metric: 'CAC', target: 180, actual: 188, unit: 'USD', higherIsBetter: false };
const at = (day: string) => new Date(`${day}T15:00:00Z`);

function history(values: [string, number][], actions = { done: 0, open: 0 }, unit = 'USD'): KpiHistory {
  return {
    earlier: values.map(([title, value], i) => ({
      retroTitle: title,
      at: at(`2026-0${i + 1}-26`),
      value,
      unit,
    })),
    actions,
  };
}

describe('the trend between the previous and the current value', () => {
  it('judges a fall as improving when lower is better, and a rise when higher is', () => {
    expect(kpiTrend({ value: 212, unit: 'USD' }, CAC)).toEqual({ direction: 'improving', change: -24 });
    expect(kpiTrend({ value: 150, unit: 'USD' }, CAC)).toEqual({ direction: 'worsening', change: 38 });
    const mqls = { actual: 450, unit: 'leads', higherIsBetter: true };
    expect(kpiTrend({ value: 500, unit: 'leads' }, mqls)?.direction).toBe('worsening');
    expect(kpiTrend({ value: 450, unit: 'leads' }, mqls)).toEqual({ direction: 'flat', change: 0 });
  });

  it('has none without a previous value, a current one, or in another unit', () => {
    expect(kpiTrend(undefined, CAC)).toBeNull();
    expect(kpiTrend({ value: 212, unit: 'USD' }, { ...CAC, actual: null })).toBeNull();
    expect(kpiTrend({ value: 12, unit: '%' }, CAC)).toBeNull();
    expect(kpiTrend({ value: 212, unit: ' usd ' }, CAC)?.direction).toBe('improving');
  });

  it('says it in words, with the change in the KPI’s unit, in points for a percentage', () => {
    expect(trendWords({ direction: 'improving', change: -24 }, 'USD')).toBe(
      'improving, $24 better than last time',
    );
    expect(trendWords({ direction: 'worsening', change: -3 }, '%')).toBe(
      'worsening, 3 percentage points worse than last time',
    );
    expect(trendWords({ direction: 'flat', change: 0 }, 'leads')).toBe('flat, same as last time');
  });

  it('counts the linked actions done and open', () => {
    expect(linkedActionsWords({ done: 0, open: 0 })).toBeNull();
    expect(linkedActionsWords({ done: 1, open: 1 })).toBe('2 linked actions: 1 done, 1 open');
    expect(linkedActionsWords({ done: 0, open: 1 })).toBe('1 linked action: 0 done, 1 open');
  });
});

describe('a KPI over time on its line', () => {
  const current = { title: 'Q3', at: at('2026-09-26') };

  it('labels the values by short, distinct retro titles, then gives the trend and the actions', () => {
    const line = presentKpiLine(
      CAC,
      history(
        [
          ['Q1', 230],
          ['Q2', 212],
        ],
        { done: 2, open: 1 },
      ),
      current,
    );
    expect(line).toBe(
      '⚠️ *CAC*: $188 vs target $180 · missed, $8 worse than target (+4.4%)\n' +
        '     ↳ _Q1_: $230 → _Q2_: $212 → _Q3_: $188 · improving, $24 better than last time · 3 linked actions: 2 done, 1 open',
    );
  });

  it('labels them by the retros’ dates, in the reader’s zone, when titles are long or repeat', () => {
    const over = presentKpiHistory(CAC, history([['Monthly GTM retro', 230]]), {
      title: 'Monthly GTM retro',
      at: at('2026-02-26'),
    });
    const day = (d: string) => `<!date^${at(d).getTime() / 1000}^{date_short}|${d}>`;
    expect(over).toBe(
      `     ↳ ${day('2026-01-26')}: $230 → ${day('2026-02-26')}: $188 · improving, $42 better than last time`,
    );
    expect(labelsByTitle(['Q1', 'q1'])).toBe(false);
    expect(labelsByTitle(['October', 'November'])).toBe(true);
    expect(labelsByTitle(['A very long retro title', 'Q2'])).toBe(false);
  });

  it('shows earlier values of a KPI not measured yet, without a trend', () => {
    const over = presentKpiHistory(
      { ...CAC, actual: null },
      history([
        ['Q1', 230],
        ['Q2', 212],
      ]),
      current,
    );
    expect(over).toBe('     ↳ Earlier: _Q1_: $230 → _Q2_: $212');
  });

  it('is the plain line without history, and escapes titles', () => {
    expect(presentKpiLine(CAC, history([]), current)).toBe(presentKpiLine(CAC));
    const over = presentKpiHistory(CAC, history([['<!here>', 230]]), current);
    expect(over).toContain('_&lt;!here&gt;_: $230');
    expect(over).not.toContain('<!here>');
  });
});

describe('a KPI as a line of the setup modal', () => {
  it('reads back to the same KPI, actual left blank', () => {
    const kpis: Kpi[] = [
      { ...CAC, actual: null },
      { metric: 'Win rate', target: 22.5, actual: null, unit: '%', higherIsBetter: true },
      { metric: 'Pipeline', target: 1_200_000, actual: null, unit: '', higherIsBetter: true },
    ];
    const lines = kpis.map(kpiLineOf);
    expect(lines).toEqual([
      'CAC | 180 | | USD | lower',
      'Win rate | 22.5 | | % | higher',
      'Pipeline | 1200000 | | | higher',
    ]);
    expect(parseKpiLines(lines.join('\n'))).toEqual({ ok: true, kpis });
  });
});

const kpi = (id: string, metric: string, seriesKey: string, position = 0): RetroKpi => ({
  id,
  position,
  metric,
  seriesKey,
  target: 1,
  actual: null,
  unit: '',
  higherIsBetter: true,
});

describe('linking a renamed KPI to its series', () => {
  const earlier = [
    { seriesKey: 'cac', metric: 'CAC' },
    { seriesKey: 'win rate', metric: 'Win rate' },
  ];
  const kpis = [kpi('k1', 'CAC', 'cac'), kpi('k2', 'Close rate', 'close rate', 1)];

  it('offers the KPIs new to the channel the series no KPI of the retro follows', () => {
    expect(linkableKpis(kpis, earlier)).toEqual([{ kpi: kpis[1], choices: [earlier[1]] }]);
    expect(linkableKpis([kpi('k1', 'CAC', 'cac')], [earlier[0] ?? { seriesKey: '', metric: '' }])).toEqual(
      [],
    );
  });

  it('takes an offered series, refuses a forged one or one picked twice', () => {
    expect(checkSeriesLinks(kpis, earlier, new Map([['k2', 'win rate']]))).toEqual({
      ok: true,
      links: new Map([['k2', 'win rate']]),
    });
    const forged = checkSeriesLinks(kpis, earlier, new Map([['k2', 'pipeline']]));
    expect(forged.ok ? [] : [...forged.problems.keys()]).toEqual(['k2']);
    const notOffered = checkSeriesLinks(kpis, earlier, new Map([['k1', 'win rate']]));
    expect(notOffered.ok).toBe(false);
    const twice = checkSeriesLinks(
      [...kpis, kpi('k3', 'Conversion', 'conversion', 2)],
      earlier,
      new Map([
        ['k2', 'win rate'],
        ['k3', 'win rate'],
      ]),
    );
    expect(twice.ok ? [] : [...twice.problems.keys()]).toEqual(['k3']);
  });
});

describe('the KPI an action item is meant to move', () => {
  const choices = kpiChoicesOf([
    kpi('k2', 'MQLs', 'mqls', 1),
    kpi('k1', 'CAC', 'cac'),
    kpi('k3', 'cac ', 'cac', 2),
  ]);

  it('lists the retro’s KPIs once per series, in order', () => {
    expect(choices).toEqual([
      { seriesKey: 'cac', metric: 'CAC' },
      { seriesKey: 'mqls', metric: 'MQLs' },
    ]);
  });

  it('takes a picked KPI of the retro, else the one it came from; refuses any other', () => {
    expect(kpiLinkOf('mqls', choices, 'cac')).toEqual({ ok: true, seriesKey: 'mqls' });
    expect(kpiLinkOf(undefined, choices, 'cac')).toEqual({ ok: true, seriesKey: 'cac' });
    expect(kpiLinkOf(undefined, choices, null)).toEqual({ ok: true, seriesKey: null });
    expect(kpiLinkOf('pipeline', choices, null).ok).toBe(false);
  });
});

describe('the card while KPIs are followed', () => {
  const card = (
    kpis: RetroKpi[],
    kpiHistory: Map<string, KpiHistory>,
    phase: Retro['phase'] = 'collecting',
  ) =>
    presentCard({
      retro: sampleRetro({ phase, title: 'Q3' }),
      kpis,
      kpiHistory,
      contributors: 0,
      items: 0,
      voters: 0,
      previousActions: null,
    });
  const text = (message: { blocks: unknown[] }) => blockTexts(message.blocks).join('\n');

  it('lists the KPIs still without an actual while the retro is open, the first five by name', () => {
    const pending = ['MQLs', 'CAC', 'A*B', 'D', 'E', 'F', 'G'].map((m, i) =>
      kpi(`k${i}`, m, m.toLowerCase(), i),
    );
    expect(text(card(pending, new Map()))).toContain(
      '⏳ Still to fill in: MQLs, CAC, AB, D, E and 2 more — facilitators: *Update KPI actuals* in the ⋯ menu',
    );
    expect(text(card(pending, new Map(), 'closed'))).not.toContain('Still to fill in');
    const measured = pending.map((k) => ({ ...k, actual: 1 }));
    expect(text(card(measured, new Map()))).not.toContain('Still to fill in');
  });

  it('shows each KPI’s history under its line, and drops it rather than outgrow the message', () => {
    const one = [{ ...kpi('k1', 'CAC', 'cac'), ...CAC }];
    const shown = text(
      card(
        one,
        new Map([
          [
            'k1',
            history(
              [
                ['Q1', 230],
                ['Q2', 212],
              ],
              { done: 1, open: 1 },
            ),
          ],
        ]),
      ),
    );
    expect(shown).toContain('     ↳ _Q1_: $230 → _Q2_: $212 → _Q3_: $188 · improving');
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...kpi(`k${i}`, `${'Metric '.repeat(11)}${i}`, `m${i}`, i),
      ...CAC,
    }));
    const long = history(
      [
        ['Monthly GTM retro of the growth team', 230],
        ['Monthly GTM retro of the growth team', 220],
        ['Monthly GTM retro of the growth team', 212],
      ],
      { done: 3, open: 4 },
    );
    const message = card(many, new Map(many.map((k) => [k.id, long])));
    assertMessageLimits(message);
    expect(text(message)).not.toContain('↳');
  });
});

describe('the setup modal of a channel’s next retro', () => {
  it('starts from the last retro’s KPIs and targets, saying where they come from', () => {
    const view = presentSetupModal({
      title: '',
      kind: 'campaign',
      now: new Date('2026-11-24T15:00:00Z'),
      carried: { retroTitle: 'October <retro>', kpis: [{ ...CAC, actual: null }] },
      metadata: 'm',
    });
    const field = view.blocks.find((b) => b.block_id === SETUP_IDS.blocks.kpis) as any;
    expect(field.element.initial_value).toBe('CAC | 180 | | USD | lower');
    expect(field.hint.text).toMatch(
      /^Carried from October <retro>; edit targets or remove lines\. One KPI per line/,
    );
    const fresh = presentSetupModal({
      title: '',
      kind: 'campaign',
      now: new Date(),
      carried: null,
      metadata: 'm',
    });
    const empty = fresh.blocks.find((b) => b.block_id === SETUP_IDS.blocks.kpis) as any;
    expect(empty.element.initial_value).toBeUndefined();
    expect(empty.hint.text).toMatch(/^One KPI per line/);
  });
});
