import { describe, expect, it } from 'vitest';
import { addDays, isoDate, parseDueDate } from '../../src/action-items/due-date.js';
import { todayIn } from '../../src/shared/dates.js';

// 2026-11-23 is a Monday.
const MONDAY = '2026-11-23';

describe('parseDueDate', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['today', MONDAY],
    ['Today', MONDAY],
    ['tomorrow', '2026-11-24'],
    ['next monday', '2026-11-30'],
    ['next Tuesday', '2026-11-24'],
    ['next fri', '2026-11-27'],
    ['next  sunday', '2026-11-29'],
    ['in 1 day', '2026-11-24'],
    ['in 10 days', '2026-12-03'],
    ['in 2 weeks', '2026-12-07'],
    ['in 1 week', '2026-11-30'],
    ['  IN 3 WEEKS ', '2026-12-14'],
    ['2028-02-29', '2028-02-29'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseDueDate(text, MONDAY)).toBe(expected);
  });

  it.each([
    'someday',
    'soon',
    '',
    'next',
    'next week',
    'next monday please',
    'monday',
    'in two weeks',
    'in 0 days',
    'in -1 days',
    'in 2 months',
    'in 400 days',
    'in 53 weeks',
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '26-12-01',
    '2026-12-1',
    '12/01/2026',
    '1999-12-31',
  ])('refuses %j', (text) => {
    expect(parseDueDate(text, MONDAY)).toBeNull();
  });

  it('crosses months and years', () => {
    expect(parseDueDate('in 2 weeks', '2026-12-25')).toBe('2027-01-08');
    expect(parseDueDate('tomorrow', '2028-02-28')).toBe('2028-02-29');
  });
});

describe('dates', () => {
  it('isoDate keeps only real calendar days', () => {
    expect(isoDate('2026-04-30')).toBe('2026-04-30');
    expect(isoDate('2026-04-31')).toBeNull();
  });

  it('addDays goes both ways', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it("todayIn reads the day in the creator's time zone", () => {
    const now = new Date('2026-11-24T02:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-11-24');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-23');
    expect(todayIn('Pacific/Auckland', new Date('2026-11-24T12:30:00Z'))).toBe('2026-11-25');
  });

  it('todayIn falls back to UTC for a missing or unknown zone', () => {
    const now = new Date('2026-11-24T23:30:00Z');
    expect(todayIn(undefined, now)).toBe('2026-11-24');
    expect(todayIn('Mars/Olympus_Mons', now)).toBe('2026-11-24');
  });
});
