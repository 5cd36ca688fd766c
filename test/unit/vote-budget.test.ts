import { describe, expect, it } from 'vitest';
import { checkVotes } from '../../src/voting/vote-budget.js';

const votable = new Set(['i1', 'i2', 'i3', 'i4', 'i5']);

describe('checkVotes', () => {
  it('accepts a selection within the budget', () => {
    expect(checkVotes(['i1', 'i3'], votable, 3)).toEqual({ ok: true, itemIds: ['i1', 'i3'] });
  });

  it('accepts using the whole budget', () => {
    expect(checkVotes(['i1', 'i2', 'i3'], votable, 3)).toEqual({ ok: true, itemIds: ['i1', 'i2', 'i3'] });
  });

  it('deduplicates before counting against the budget', () => {
    expect(checkVotes(['i1', 'i1', 'i2', 'i2', 'i3'], votable, 3)).toEqual({
      ok: true,
      itemIds: ['i1', 'i2', 'i3'],
    });
  });

  it('allows an empty selection, which clears the votes', () => {
    expect(checkVotes([], votable, 3)).toEqual({ ok: true, itemIds: [] });
  });

  it.each([
    [['i1', 'gone'], 3, 'One of the items you picked is no longer in this retro.'],
    [['i1', 'i2', 'i3', 'i4'], 3, 'You have 3 votes; you picked 4. Unselect 1.'],
    [['i1', 'i2', 'i3', 'i4', 'i5'], 3, 'You have 3 votes; you picked 5. Unselect 2.'],
    [['i1', 'i2'], 1, 'You have 1 vote; you picked 2. Unselect 1.'],
    [['i1'], 0, 'You have 0 votes; you picked 1. Unselect 1.'],
  ])('rejects %j with budget %d', (selected, budget, error) => {
    expect(checkVotes(selected, votable, budget)).toEqual({ ok: false, error });
  });
});
