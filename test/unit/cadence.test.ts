import { describe, expect, it } from 'vitest';
import { type Cadence, describeCadence, firstStart, nextOccurrence } from '../../src/schedules/cadence.js';
import { planDue } from '../../src/schedules/schedule.js';

/** The starts after `from`, one after another. */
function starts(cadence: Cadence, time: string, zone: string, from: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    at = nextOccurrence(cadence, time, zone, at);
    out.push(at.toISOString());
  }
  return out;
}

const FRIDAY = 5;
const MONDAY = 1;
const SUNDAY = 0;

describe('nextOccurrence', () => {
  it('every week on a weekday, strictly after the instant given', () => {
    const weekly: Cadence = { every: 'week', weekday: MONDAY };
    expect(starts(weekly, '09:30', 'UTC', '2026-11-24T15:00:00Z', 3)).toEqual([
      '2026-11-30T09:30:00.000Z',
      '2026-12-07T09:30:00.000Z',
      '2026-12-14T09:30:00.000Z',
    ]);
    // At the start itself, the next one is a week on.
    expect(nextOccurrence(weekly, '09:30', 'UTC', new Date('2026-11-30T09:30:00Z')).toISOString()).toBe(
      '2026-12-07T09:30:00.000Z',
    );
    // A minute before, it is that one.
    expect(nextOccurrence(weekly, '09:30', 'UTC', new Date('2026-11-30T09:29:00Z')).toISOString()).toBe(
      '2026-11-30T09:30:00.000Z',
    );
  });

  it('every two weeks, counted from the first start', () => {
    const { cadence, first } = firstStart(
      { every: 'two_weeks', weekday: FRIDAY },
      '16:00',
      'Europe/Berlin',
      new Date('2026-11-24T15:00:00Z'),
    );
    expect(cadence).toEqual({ every: 'two_weeks', weekday: FRIDAY, anchor: '2026-11-27' });
    expect(first.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    expect(starts(cadence, '16:00', 'Europe/Berlin', first.toISOString(), 3)).toEqual([
      '2026-12-11T15:00:00.000Z',
      '2026-12-25T15:00:00.000Z',
      '2027-01-08T15:00:00.000Z',
    ]);
    // From a day between two starts, the parity stays.
    expect(
      nextOccurrence(cadence, '16:00', 'Europe/Berlin', new Date('2026-12-05T00:00:00Z')).toISOString(),
    ).toBe('2026-12-11T15:00:00.000Z');
  });

  it('monthly on the nth and on the last weekday', () => {
    const secondTuesday: Cadence = { every: 'month', rule: { by: 'weekday', nth: 2, weekday: 2 } };
    expect(starts(secondTuesday, '10:00', 'UTC', '2026-11-24T15:00:00Z', 3)).toEqual([
      '2026-12-08T10:00:00.000Z',
      '2027-01-12T10:00:00.000Z',
      '2027-02-09T10:00:00.000Z',
    ]);
    const lastFriday: Cadence = { every: 'month', rule: { by: 'weekday', nth: 'last', weekday: FRIDAY } };
    expect(starts(lastFriday, '10:00', 'UTC', '2026-11-24T15:00:00Z', 4)).toEqual([
      '2026-11-27T10:00:00.000Z',
      '2026-12-25T10:00:00.000Z',
      '2027-01-29T10:00:00.000Z',
      '2027-02-26T10:00:00.000Z',
    ]);
  });

  it('the 31st falls on the last day of February and April', () => {
    const day31: Cadence = { every: 'month', rule: { by: 'day', day: 31 } };
    expect(starts(day31, '09:00', 'UTC', '2027-01-15T00:00:00Z', 4)).toEqual([
      '2027-01-31T09:00:00.000Z',
      '2027-02-28T09:00:00.000Z',
      '2027-03-31T09:00:00.000Z',
      '2027-04-30T09:00:00.000Z',
    ]);
    // A leap year's February has a 29th.
    expect(nextOccurrence(day31, '09:00', 'UTC', new Date('2028-02-01T00:00:00Z')).toISOString()).toBe(
      '2028-02-29T09:00:00.000Z',
    );
    const day30: Cadence = { every: 'month', rule: { by: 'day', day: 30 } };
    expect(nextOccurrence(day30, '09:00', 'UTC', new Date('2027-02-01T00:00:00Z')).toISOString()).toBe(
      '2027-02-28T09:00:00.000Z',
    );
  });

  it('quarterly: the monthly rule in January, April, July and October', () => {
    const firstMonday: Cadence = { every: 'quarter', rule: { by: 'weekday', nth: 1, weekday: MONDAY } };
    expect(starts(firstMonday, '11:00', 'UTC', '2026-11-24T15:00:00Z', 4)).toEqual([
      '2027-01-04T11:00:00.000Z',
      '2027-04-05T11:00:00.000Z',
      '2027-07-05T11:00:00.000Z',
      '2027-10-04T11:00:00.000Z',
    ]);
    const day31: Cadence = { every: 'quarter', rule: { by: 'day', day: 31 } };
    expect(starts(day31, '11:00', 'UTC', '2026-11-24T15:00:00Z', 2)).toEqual([
      '2027-01-31T11:00:00.000Z',
      '2027-04-30T11:00:00.000Z',
    ]);
  });

  it('keeps the wall-clock time across both changes of time in Europe/Berlin', () => {
    const weekly: Cadence = { every: 'week', weekday: FRIDAY };
    // Summer time begins on 28 March 2027 and ends on 31 October 2027.
    expect(starts(weekly, '15:00', 'Europe/Berlin', '2027-03-20T00:00:00Z', 2)).toEqual([
      '2027-03-26T14:00:00.000Z',
      '2027-04-02T13:00:00.000Z',
    ]);
    expect(starts(weekly, '15:00', 'Europe/Berlin', '2027-10-23T00:00:00Z', 2)).toEqual([
      '2027-10-29T13:00:00.000Z',
      '2027-11-05T14:00:00.000Z',
    ]);
  });

  it('keeps the wall-clock time across both changes of time in America/New_York', () => {
    const weekly: Cadence = { every: 'week', weekday: SUNDAY };
    // Daylight time begins on 14 March 2027 and ends on 7 November 2027, both Sundays at 02:00.
    expect(starts(weekly, '09:00', 'America/New_York', '2027-03-01T00:00:00Z', 3)).toEqual([
      '2027-03-07T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
      '2027-03-21T13:00:00.000Z',
    ]);
    expect(starts(weekly, '09:00', 'America/New_York', '2027-11-01T00:00:00Z', 2)).toEqual([
      '2027-11-07T14:00:00.000Z',
      '2027-11-14T14:00:00.000Z',
    ]);
  });

  it('a time the clocks skip starts at the first minute after the jump', () => {
    const sunday: Cadence = { every: 'week', weekday: SUNDAY };
    // 02:30 does not exist on 28 March 2027 in Berlin: 02:00 CET became 03:00 CEST (01:00Z).
    expect(
      nextOccurrence(sunday, '02:30', 'Europe/Berlin', new Date('2027-03-27T00:00:00Z')).toISOString(),
    ).toBe('2027-03-28T01:00:00.000Z');
    // The next week it exists again.
    expect(
      nextOccurrence(sunday, '02:30', 'Europe/Berlin', new Date('2027-03-28T01:00:00Z')).toISOString(),
    ).toBe('2027-04-04T00:30:00.000Z');
    // 02:30 does not exist on 14 March 2027 in New York: 02:00 EST became 03:00 EDT (07:00Z).
    expect(
      nextOccurrence(sunday, '02:30', 'America/New_York', new Date('2027-03-13T00:00:00Z')).toISOString(),
    ).toBe('2027-03-14T07:00:00.000Z');
    // A time passed twice when the clocks go back is started once, at the second of the two.
    expect(starts(sunday, '02:30', 'Europe/Berlin', '2027-10-30T00:00:00Z', 2)).toEqual([
      '2027-10-31T01:30:00.000Z',
      '2027-11-07T01:30:00.000Z',
    ]);
  });
});

describe('describeCadence', () => {
  it('says the rule in words with the time and its zone', () => {
    expect(
      describeCadence(
        { every: 'month', rule: { by: 'weekday', nth: 'last', weekday: FRIDAY } },
        '15:00',
        'Europe/Berlin',
      ),
    ).toBe('the last Friday of each month at 15:00 (Europe/Berlin)');
    expect(describeCadence({ every: 'week', weekday: MONDAY }, '09:30', 'UTC')).toBe(
      'every Monday at 09:30 (UTC)',
    );
    expect(
      describeCadence({ every: 'two_weeks', weekday: FRIDAY, anchor: '2026-11-27' }, '16:00', 'UTC'),
    ).toBe('every other Friday at 16:00 (UTC)');
    expect(describeCadence({ every: 'month', rule: { by: 'day', day: 31 } }, '09:00', 'UTC')).toBe(
      'the 31st of each month (the last day of shorter months) at 09:00 (UTC)',
    );
    expect(
      describeCadence({ every: 'quarter', rule: { by: 'weekday', nth: 1, weekday: MONDAY } }, '11:00', 'UTC'),
    ).toBe('the first Monday of January, April, July and October at 11:00 (UTC)');
  });
});

describe('planDue', () => {
  const schedule = {
    cadence: { every: 'week', weekday: FRIDAY } as Cadence,
    startTime: '15:00',
    timeZone: 'Europe/Berlin',
  };
  const due = new Date('2026-11-27T14:00:00Z');

  it('starts a start missed earlier the same day, late', () => {
    expect(planDue(schedule, due, new Date('2026-11-27T16:30:00Z'))).toEqual({
      start: due,
      missed: null,
      next: new Date('2026-12-04T14:00:00Z'),
    });
  });

  it('skips a start of an earlier day (in the schedule’s zone) and moves on past now', () => {
    // 23:30Z on the 27th is already the 28th in Berlin.
    expect(planDue(schedule, due, new Date('2026-11-27T23:30:00Z'))).toEqual({
      start: null,
      missed: due,
      next: new Date('2026-12-04T14:00:00Z'),
    });
    // Down for two weeks and back on a start's day, after its time: that one starts.
    expect(planDue(schedule, due, new Date('2026-12-11T17:00:00Z'))).toEqual({
      start: new Date('2026-12-11T14:00:00Z'),
      missed: new Date('2026-12-04T14:00:00Z'),
      next: new Date('2026-12-18T14:00:00Z'),
    });
  });
});
