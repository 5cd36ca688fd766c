import { describe, expect, it } from 'vitest';
import { presentKpiLine } from '../../src/retro/present-kpi-line.js';

describe('presentKpiLine', () => {
  it('gives a percentage KPI’s gap in points and its relative change, with the verdict in words', () => {
    expect(
      presentKpiLine({ metric: 'Win rate', target: 22, actual: 19, unit: '%', higherIsBetter: true }),
    ).toBe(
      '⚠️ *Win rate*: 19% vs target 22% · missed, 3 percentage points worse than target (−13.6% relative)',
    );
  });

  it('says whether a rise is bad when lower is better', () => {
    expect(
      presentKpiLine({ metric: 'CAC', target: 180, actual: 212, unit: 'USD', higherIsBetter: false }),
    ).toBe('⚠️ *CAC*: $212 vs target $180 · missed, $32 worse than target (+17.8%)');
  });

  it('writes a word unit on both numbers and says a met KPI is better than its target', () => {
    expect(
      presentKpiLine({
        metric: 'Signups',
        target: 2000,
        actual: 2250,
        unit: 'signups',
        higherIsBetter: true,
      }),
    ).toBe(
      '✅ *Signups*: 2,250 signups vs target 2,000 signups · met, 250 signups better than target (+12.5%)',
    );
  });

  it('shows the target of a KPI not measured yet', () => {
    expect(
      presentKpiLine({ metric: 'Press mentions', target: 15, actual: null, unit: '', higherIsBetter: true }),
    ).toBe('⏳ *Press mentions*: not measured yet (target 15)');
  });

  it('escapes the metric and the unit', () => {
    const line = presentKpiLine({
      metric: 'A <b>',
      target: 2,
      actual: 3,
      unit: '<!here>',
      higherIsBetter: true,
    });
    expect(line).toBe(
      '✅ *A &lt;b&gt;*: 3 &lt;!here&gt; vs target 2 &lt;!here&gt; · met, 1 &lt;!here&gt; better than target (+50.0%)',
    );
    expect(line).not.toContain('<!here>');
  });
});
