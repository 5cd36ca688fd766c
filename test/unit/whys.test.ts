import { describe, expect, it } from 'vitest';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { startFree, startFromItem, startFromKpi } from '../../src/five-whys/sources.js';
import { canEditWhys, fiveWhysAllowedIn, validateWhys } from '../../src/five-whys/whys.js';

const B = FIVE_WHYS_IDS.blocks;

describe('validateWhys', () => {
  it('returns the chain trimmed, with only the whys given', () => {
    const result = validateWhys({
      problem: '  Webinar signups missed target ',
      whys: ['Invites went out late', ' Copy was approved late ', '', '', ''],
      rootCause: 'No owner for approvals',
    });
    expect(result).toEqual({
      ok: true,
      chain: {
        problem: 'Webinar signups missed target',
        whys: ['Invites went out late', 'Copy was approved late'],
        rootCause: 'No owner for approvals',
      },
    });
  });

  it('accepts all five whys, and missing entries count as empty', () => {
    expect(validateWhys({ problem: 'p', whys: ['1', '2', '3', '4', '5'], rootCause: 'r' }).ok).toBe(true);
    expect(validateWhys({ problem: 'p', whys: ['1'], rootCause: 'r' }).ok).toBe(true);
  });

  it.each([
    ['no problem', { problem: ' ', whys: ['a'], rootCause: 'r' }, [B.problem]],
    ['no Why 1', { problem: 'p', whys: ['', '', '', '', ''], rootCause: 'r' }, [B.why(1)]],
    ['Why 3 without Why 2', { problem: 'p', whys: ['a', '', 'c'], rootCause: 'r' }, [B.why(3)]],
    ['Why 2 without Why 1', { problem: 'p', whys: ['', 'b'], rootCause: 'r' }, [B.why(1), B.why(2)]],
    ['two gaps', { problem: 'p', whys: ['a', '', 'c', '', 'e'], rootCause: 'r' }, [B.why(3), B.why(5)]],
    ['an empty root cause', { problem: 'p', whys: ['a'], rootCause: '  ' }, [B.rootCause]],
    ['a long problem', { problem: 'x'.repeat(501), whys: ['a'], rootCause: 'r' }, [B.problem]],
    ['a long why', { problem: 'p', whys: ['a', 'x'.repeat(301)], rootCause: 'r' }, [B.why(2)]],
    ['a long root cause', { problem: 'p', whys: ['a'], rootCause: 'x'.repeat(301) }, [B.rootCause]],
  ])('refuses %s, with the error on the right field', (_name, input, fields) => {
    const result = validateWhys(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual([...fields].sort());
  });

  it('names the missing why in a gap error', () => {
    const result = validateWhys({ problem: 'p', whys: ['a', '', 'c'], rootCause: 'r' });
    expect(result.ok ? '' : result.errors[B.why(3)]).toContain('Why 2');
  });
});

describe('when Five Whys may run', () => {
  it.each([
    ['collecting', false],
    ['voting', true],
    ['discussing', true],
    ['closed', false],
    ['cancelled', false],
  ] as const)('in %s: %s', (phase, allowed) => {
    expect(fiveWhysAllowedIn(phase).ok).toBe(allowed);
  });

  const retro = { createdBy: 'U_ANA', facilitatorIds: ['U_BEN'], phase: 'discussing' as const };
  it.each([
    ['the author', 'U_AUTHOR', true],
    ['the creator of the retro', 'U_ANA', true],
    ['a co-facilitator', 'U_BEN', true],
    ['someone else', 'U_OTHER', false],
  ])('%s may edit a chain: %s', (_who, userId, allowed) => {
    expect(canEditWhys({ createdBy: 'U_AUTHOR' }, retro, userId).ok).toBe(allowed);
  });

  it('nobody edits once the retro is closed', () => {
    expect(canEditWhys({ createdBy: 'U_AUTHOR' }, { ...retro, phase: 'closed' }, 'U_AUTHOR').ok).toBe(false);
  });
});

describe('where a chain starts', () => {
  const kpi = { metric: 'MQLs', target: 200, actual: 120, unit: 'leads', higherIsBetter: true };

  it('a missed KPI states the miss as the problem', () => {
    expect(startFromKpi(kpi)).toEqual({
      problem: 'MQLs: 120 leads against a target of 200 leads (−40.0%)',
      sourceLabel: 'MQLs: 120 leads against a target of 200 leads (−40.0%)',
    });
  });

  it('an item gives its text as the problem and its section in the label', () => {
    expect(startFromItem('Stop', 'Launching without legal review')).toEqual({
      problem: 'Launching without legal review',
      sourceLabel: 'Stop: Launching without legal review',
    });
    expect(startFree()).toEqual({ problem: '', sourceLabel: null });
  });
});
