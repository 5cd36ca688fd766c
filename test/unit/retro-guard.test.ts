import { describe, expect, it } from 'vitest';
import { checkRetroRule, TAKES_BALLOTS, TAKES_FEEDBACK } from '../../src/retro/retro.guard.js';
import type { Retro } from '../../src/retro/retro.js';
import { groupBySection } from '../../src/retro/templates.js';

const retro = { createdBy: 'UFAC', facilitatorIds: ['UCO'], phase: 'voting' } as Retro;

describe('checkRetroRule', () => {
  it('checks the person before the phase', () => {
    expect(checkRetroRule(retro, 'UOTHER', { facilitatorsOnly: true, phases: ['collecting'] })).toBe(
      'not_facilitator',
    );
    expect(checkRetroRule(retro, 'UCO', { facilitatorsOnly: true, phases: ['collecting'] })).toBe(
      'wrong_phase',
    );
    expect(checkRetroRule(retro, 'UOTHER', { phases: ['voting'] })).toBeNull();
    expect(checkRetroRule(retro, 'UFAC', {})).toBeNull();
  });

  it('takes ballots, not feedback, from anyone while the retro votes', () => {
    expect(checkRetroRule(retro, 'UOTHER', TAKES_BALLOTS)).toBeNull();
    expect(checkRetroRule(retro, 'UOTHER', TAKES_FEEDBACK)).toBe('wrong_phase');
    const collecting = { ...retro, phase: 'collecting' } as Retro;
    expect(checkRetroRule(collecting, 'UOTHER', TAKES_FEEDBACK)).toBeNull();
    expect(checkRetroRule(collecting, 'UOTHER', TAKES_BALLOTS)).toBe('wrong_phase');
  });
});

describe('groupBySection', () => {
  it("keeps the template's sections in order, empty ones too, then unknown sections as first seen", () => {
    const items = [
      { section: 'gone', id: 1 },
      { section: 'continue', id: 2 },
      { section: 'start', id: 3 },
      { section: 'continue', id: 4 },
    ];
    const groups = groupBySection('start_stop_continue', items);
    expect(groups.map((g) => [g.id, g.emoji === null, g.items.map((i) => i.id)])).toEqual([
      ['start', false, [3]],
      ['stop', false, []],
      ['continue', false, [2, 4]],
      ['gone', true, [1]],
    ]);
  });
});
