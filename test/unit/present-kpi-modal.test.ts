import { describe, expect, it } from 'vitest';
import { KPI_IDS } from '../../src/kpi/kpi.ids.js';
import { kpiBlockId, presentKpiActualsModal } from '../../src/kpi/present-kpi-modal.js';
import type { Retro, RetroKpi } from '../../src/retro/retro.js';
import { INPUT } from '../../src/slack/ids.js';
import { assertModalLimits, blockTexts } from './block-kit-limits.js';

const retro = { id: 'r1', title: 'Q3 launch' } as Retro;
const kpis: RetroKpi[] = [
  {
    id: 'b',
    position: 1,
    metric: 'Cost per lead',
    target: 40,
    actual: null,
    unit: 'USD',
    higherIsBetter: false,
  },
  {
    id: 'a',
    position: 0,
    metric: 'Pipeline',
    target: 1_200_000,
    actual: 1_500_000.5,
    unit: 'USD',
    higherIsBetter: true,
  },
];

describe('presentKpiActualsModal', () => {
  const view = presentKpiActualsModal({ retro, kpis, metadata: '{"retroId":"r1"}' });
  const inputs = (view.blocks as any[]).filter((b) => b.type === 'input');

  it('has one optional input per KPI, in position order', () => {
    assertModalLimits(view);
    expect(view.callback_id).toBe(KPI_IDS.view);
    expect([view.title.text, view.submit?.text]).toEqual(['KPI actuals', 'Save']);
    expect(view.private_metadata).toBe('{"retroId":"r1"}');
    expect(kpiBlockId('a')).toBe('kpi_a');
    expect(inputs.map((b) => b.block_id)).toEqual(['kpi_a', 'kpi_b']);
    for (const b of inputs) {
      expect(b.optional).toBe(true);
      expect(b.element.action_id).toBe(INPUT);
      expect(b.element.placeholder.text).toBe('e.g. 1200');
    }
  });

  it('pre-fills actuals as plain numbers and shows the target and direction', () => {
    const [pipeline, cpl] = inputs;
    expect(pipeline.label.text).toBe('Pipeline');
    expect(pipeline.element.initial_value).toBe('1500000.5');
    expect(pipeline.hint.text).toBe('Target: $1,200,000 · higher is better');
    expect('initial_value' in cpl.element).toBe(false);
    expect(cpl.hint.text).toBe('Target: $40 · lower is better');
  });

  it('explains that KPIs are added when starting a retro, with no submit, when there are none', () => {
    const empty = presentKpiActualsModal({ retro, kpis: [], metadata: 'm' });
    assertModalLimits(empty);
    expect(empty.submit).toBeUndefined();
    expect(blockTexts(empty.blocks).join('\n')).toContain('KPIs are added when starting a retro');
  });

  it('cuts a very long metric name to the label limit', () => {
    const long = presentKpiActualsModal({
      retro,
      kpis: [{ ...kpis[0], metric: 'm'.repeat(2500) } as RetroKpi],
      metadata: 'm',
    });
    assertModalLimits(long);
    expect((long.blocks as any[])[1].label.text.length).toBe(2000);
  });
});
