import { describe, expect, it } from 'vitest';
import { formatUtc, todayIn } from '../../src/shared/dates.js';

describe('todayIn', () => {
  // 23:30 UTC on 1 December: already 2 December in Berlin, still 1 December in New York.
  const now = new Date('2026-12-01T23:30:00Z');

  it("is the person's calendar day in their time zone", () => {
    expect(todayIn('Europe/Berlin', now)).toBe('2026-12-02');
    expect(todayIn('America/New_York', now)).toBe('2026-12-01');
  });

  it('falls back to UTC when the zone is unknown or missing', () => {
    expect(todayIn(undefined, now)).toBe('2026-12-01');
    expect(todayIn('Not/A_Zone', now)).toBe('2026-12-01');
  });
});

describe('formatUtc', () => {
  it('says UTC explicitly', () => {
    expect(formatUtc(new Date('2026-11-25T17:00:59Z'))).toBe('2026-11-25 17:00 UTC');
  });
});
