import { describe, expect, it } from 'vitest';
import { dueSchedules, isoWeekKey, weeklyMoment } from '../../src/follow-up/week.js';
import { backoffMs, decide } from '../../src/outbox/send-policy.js';
import { localTime } from '../../src/shared/wall-clock.js';

const HOUR = 3600_000;

/** Every instant a nudge is due, stepping `step` ms from `from` to `to`, as the first due instant per week. */
function nudgesBetween(zone: string, from: string, to: string, step: number): string[] {
  const seen = new Map<string, string>();
  for (let t = Date.parse(from); t < Date.parse(to); t += step) {
    const moment = weeklyMoment(new Date(t), zone);
    if (moment.due && !seen.has(moment.week)) seen.set(moment.week, new Date(t).toISOString());
  }
  return [...seen.values()];
}

describe('weeks in a time zone', () => {
  it.each([
    [2026, 1, 1, '2026-W01'],
    [2026, 12, 28, '2026-W53'],
    [2027, 1, 1, '2026-W53'],
    [2027, 1, 4, '2027-W01'],
    [2026, 11, 30, '2026-W49'],
  ])('%i-%i-%i is in ISO week %s', (y, m, d, key) => {
    expect(isoWeekKey(y, m, d)).toBe(key);
  });

  it('reads the wall clock of a zone', () => {
    expect(localTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 3,
      minute: 30,
    });
  });

  it.each([
    [
      'spring 2026',
      '2026-03-21T00:00:00Z',
      '2026-04-04T00:00:00Z',
      ['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    ],
    [
      'autumn 2026',
      '2026-10-17T00:00:00Z',
      '2026-10-31T00:00:00Z',
      ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z'],
    ],
    [
      'spring 2027',
      '2027-03-20T00:00:00Z',
      '2027-04-03T00:00:00Z',
      ['2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z'],
    ],
    [
      'autumn 2027',
      '2027-10-23T00:00:00Z',
      '2027-11-06T00:00:00Z',
      ['2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z'],
    ],
  ])(
    'Berlin, %s: one nudge each Monday at 09:00 local, none skipped or doubled',
    (_name, from, to, expected) => {
      expect(nudgesBetween('Europe/Berlin', from, to, 15 * 60_000)).toEqual(expected);
    },
  );

  it('a nudge moment inside the hour the clocks skip comes when the clock reaches it', () => {
    // 02:30 on the Sunday of the spring change does not exist in Berlin: due from 03:00 local.
    const schedule = { weekday: 0, time: '02:30' };
    expect(weeklyMoment(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin', schedule).due).toBe(false);
    expect(weeklyMoment(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin', schedule).due).toBe(true);
  });

  it('a bot that was down at 09:00 catches up the same day, not the next', () => {
    expect(weeklyMoment(new Date('2026-11-30T22:30:00Z'), 'UTC').due).toBe(true);
    expect(weeklyMoment(new Date('2026-12-01T00:00:00Z'), 'UTC')).toMatchObject({ due: false, passed: true });
  });

  it.each([
    ['America/Los_Angeles', '2026-11-30T17:00:00.000Z'],
    ['Europe/Berlin', '2026-11-30T08:00:00.000Z'],
    ['Asia/Tokyo', '2026-11-30T00:00:00.000Z'],
  ])('%s is nudged at Monday 09:00 its time', (zone, at) => {
    expect(nudgesBetween(zone, '2026-11-28T00:00:00Z', '2026-12-05T00:00:00Z', HOUR / 4)).toEqual([at]);
  });
});

describe('send policy', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('waits as long as a 429 says, without using up attempts', () => {
    expect(decide({ kind: 'rate_limited', retryAfterSeconds: 6 }, 30, now)).toEqual({
      action: 'retry',
      runAt: new Date(now.getTime() + 6_000),
      reason: 'rate limited, retry after 6s',
      countsAsAttempt: false,
    });
  });

  it('backs off exponentially up to a cap after 5xx and network errors, then gives up', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(20)).toBe(30 * 60_000);
    expect(decide({ kind: 'http', status: 503 }, 2, now)).toMatchObject({
      action: 'retry',
      runAt: new Date(now.getTime() + 10_000),
    });
    expect(decide({ kind: 'network', message: 'ECONNRESET' }, 25, now)).toMatchObject({ action: 'fail' });
  });

  it.each([
    'user_not_found',
    'account_inactive',
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'invalid_auth',
  ])('%s is recorded and not retried', (error) => {
    expect(decide({ kind: 'platform', error }, 1, now)).toEqual({ action: 'fail', reason: error });
  });

  it('retries Slack-side ok:false errors', () => {
    expect(decide({ kind: 'platform', error: 'internal_error' }, 1, now).action).toBe('retry');
  });
});

describe('which stored schedules are due', () => {
  const monday9 = { weekday: 1, atTime: '09:00' };
  it('keeps the due ones with their local week, date and Monday; leaves out unknown zones', () => {
    const now = new Date('2026-11-30T08:30:00Z');
    expect(
      dueSchedules(
        [
          { tz: 'Europe/Berlin', ...monday9 },
          { tz: 'America/Los_Angeles', ...monday9 },
          { tz: 'Mars/Olympus_Mons', ...monday9 },
          { tz: 'Asia/Tokyo', weekday: 1, atTime: '17:00' },
        ],
        now,
      ),
    ).toEqual([
      { tz: 'Europe/Berlin', ...monday9, week: '2026-W49', today: '2026-11-30', monday: '2026-11-30' },
      {
        tz: 'Asia/Tokyo',
        weekday: 1,
        atTime: '17:00',
        week: '2026-W49',
        today: '2026-11-30',
        monday: '2026-11-30',
      },
    ]);
  });

  it('a Friday moment knows its Monday', () => {
    const [due] = dueSchedules(
      [{ tz: 'UTC', weekday: 5, atTime: '15:00' }],
      new Date('2027-01-01T15:05:00Z'),
    );
    expect(due).toMatchObject({ week: '2026-W53', today: '2027-01-01', monday: '2026-12-28' });
  });
});
