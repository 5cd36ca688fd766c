import { describe, expect, it } from 'vitest';
import { COUNT_STEP, countsToShow, QUIET_MS } from '../../src/retro/card-counts.js';

const NOW = new Date('2026-11-24T15:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('the counts the retro card shows while feedback is collected', () => {
  const shown = { contributors: 4, items: 9, activityAt: ago(1_000) };

  it.each([
    [
      'one more person, a second ago',
      { contributors: 5, items: 12 },
      shown,
      { contributors: 4, items: 9 },
      true,
    ],
    [
      'more items from someone counted',
      { contributors: 4, items: 11 },
      shown,
      { contributors: 4, items: 9 },
      true,
    ],
    ['a withdrawn item', { contributors: 4, items: 8 }, shown, { contributors: 4, items: 9 }, true],
    [
      `${COUNT_STEP} more people`,
      { contributors: 7, items: 20 },
      shown,
      { contributors: 7, items: 20 },
      false,
    ],
    [
      'one more person, after the quiet spell',
      { contributors: 5, items: 12 },
      { ...shown, activityAt: ago(QUIET_MS) },
      { contributors: 5, items: 12 },
      false,
    ],
    ['nothing new', { contributors: 4, items: 9 }, shown, { contributors: 4, items: 9 }, false],
  ])('%s', (_name, actual, before, counts, behind) => {
    expect(countsToShow('collecting', actual, before, NOW)).toEqual({ counts, behind });
  });

  it.each(['voting', 'discussing', 'closed', 'cancelled'] as const)('shows every count once %s', (phase) => {
    expect(countsToShow(phase, { contributors: 5, items: 12 }, shown, NOW)).toEqual({
      counts: { contributors: 5, items: 12 },
      behind: false,
    });
  });
});
