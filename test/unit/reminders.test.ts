import { describe, expect, it } from 'vitest';
import { peopleToRemind, reminderDueAt } from '../../src/phase-change/reminders.js';

describe('reminderDueAt', () => {
  const created = new Date('2026-11-02T09:00:00Z');
  it.each([
    ['a three-day retro: one day before the deadline', '2026-11-05T17:00:00Z', '2026-11-04T17:00:00Z'],
    ['a two-day retro: one day before', '2026-11-04T09:00:00Z', '2026-11-03T09:00:00Z'],
    ['a ten-hour retro: halfway through', '2026-11-02T19:00:00Z', '2026-11-02T14:00:00Z'],
  ])('%s', (_name, deadline, expected) => {
    expect(reminderDueAt(created, new Date(deadline)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('peopleToRemind', () => {
  it('is every member who has not contributed, without the bot, once each', () => {
    expect(peopleToRemind(['UBOT', 'U1', 'U2', 'U3', 'U2'], ['U2', 'U9'], 'UBOT')).toEqual(['U1', 'U3']);
  });
  it('is nobody when everyone contributed', () => {
    expect(peopleToRemind(['U1'], ['U1'], 'UBOT')).toEqual([]);
  });
});
