import { describe, expect, it } from 'vitest';
import { STORE_SUBMISSIONS_SQL } from '../../src/feedback/store-submissions.sql.js';
import {
  ACCEPTS_BALLOTS,
  ACCEPTS_FEEDBACK,
  checkTransition,
  isOpenPhase,
  nextPhase,
  type Phase,
} from '../../src/retro/phases.js';
import { PHASE_LABELS, presentTransitionRefusal } from '../../src/retro/present-phase.js';
import { REPLACE_BALLOTS_SQL } from '../../src/voting/replace-ballots.sql.js';

const ALL: Phase[] = ['collecting', 'voting', 'discussing', 'closed', 'cancelled'];

describe('isOpenPhase', () => {
  it.each<[Phase, boolean]>([
    ['collecting', true],
    ['voting', true],
    ['discussing', true],
    ['closed', false],
    ['cancelled', false],
  ])('%s → %s', (phase, open) => {
    expect(isOpenPhase(phase)).toBe(open);
  });
});

describe('nextPhase', () => {
  it.each<[Phase, Phase | null]>([
    ['collecting', 'voting'],
    ['voting', 'discussing'],
    ['discussing', 'closed'],
    ['closed', null],
    ['cancelled', null],
  ])('%s → %s', (phase, next) => {
    expect(nextPhase(phase)).toBe(next);
  });
});

describe('PHASE_LABELS', () => {
  it('has a label for every phase', () => {
    for (const phase of ALL) expect(PHASE_LABELS[phase]).toMatch(/\S/);
  });
});

describe('checkTransition', () => {
  it.each<[Phase, Phase]>([
    ['collecting', 'voting'],
    ['voting', 'discussing'],
    ['discussing', 'closed'],
    ['collecting', 'closed'],
    ['voting', 'closed'],
    ['collecting', 'cancelled'],
    ['voting', 'cancelled'],
    ['discussing', 'cancelled'],
  ])('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it.each<[Phase, Phase, string]>([
    ['closed', 'voting', 'This retro is already closed.'],
    ['closed', 'closed', 'This retro is already closed.'],
    ['closed', 'cancelled', 'This retro is already closed.'],
    ['cancelled', 'collecting', 'This retro has been cancelled.'],
    ['cancelled', 'closed', 'This retro has been cancelled.'],
    ['voting', 'voting', 'Voting has already started.'],
    ['collecting', 'collecting', 'This retro is already collecting feedback.'],
    ['discussing', 'discussing', 'The discussion has already started.'],
    ['voting', 'collecting', 'Feedback collection has already ended.'],
    ['discussing', 'collecting', 'Feedback collection has already ended.'],
    ['discussing', 'voting', 'Voting has already ended.'],
    ['collecting', 'discussing', 'This retro is collecting feedback; it has to move to voting first.'],
  ])('refuses %s → %s', (from, to, reason) => {
    const result = checkTransition(from, to);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(presentTransitionRefusal(result)).toBe(reason);
  });

  it('never leaves a final phase', () => {
    for (const from of ['closed', 'cancelled'] as const) {
      for (const to of ALL) expect(checkTransition(from, to).ok).toBe(false);
    }
  });
});

describe('the phases that take feedback and ballots', () => {
  it('are collecting and voting', () => {
    expect(ACCEPTS_FEEDBACK).toBe('collecting');
    expect(ACCEPTS_BALLOTS).toBe('voting');
  });

  it('are the only phases the database functions name', () => {
    const named = (text: string) => ALL.filter((phase) => text.includes(`'${phase}'`));
    expect(named(STORE_SUBMISSIONS_SQL)).toEqual([ACCEPTS_FEEDBACK]);
    expect(named(REPLACE_BALLOTS_SQL)).toEqual([ACCEPTS_BALLOTS]);
  });
});
