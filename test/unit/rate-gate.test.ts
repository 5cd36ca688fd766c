import { describe, expect, it } from 'vitest';
import { RateGate } from '../../src/outbox/rate-gate.js';

/** One call a second, eight back to back. */
const INTERVALS = { 'conversations.open': { perMinute: 60, burst: 8 } };

describe('the rate gate', () => {
  it('lets a burst through, then gives each waiting message a slot of its own at the method’s rate', () => {
    const gate = new RateGate(INTERVALS);
    const now = 1_000_000;
    const answers = Array.from({ length: 11 }, (_, i) =>
      gate.admit('T1', 'conversations.open', `m${i}`, now),
    );
    expect(answers.slice(0, 8)).toEqual(Array(8).fill(0));
    expect(answers.slice(8)).toEqual([now + 1_000, now + 2_000, now + 3_000]);
    // A message back at its slot goes; before it, it is told the same slot again.
    expect(gate.admit('T1', 'conversations.open', 'm9', now + 1_500)).toBe(now + 2_000);
    expect(gate.admit('T1', 'conversations.open', 'm9', now + 2_000)).toBe(0);
  });

  it('keeps workspaces and methods apart', () => {
    const gate = new RateGate(INTERVALS);
    const now = 1_000_000;
    for (let i = 0; i < 20; i++) gate.admit('T1', 'conversations.open', `m${i}`, now);
    expect(gate.admit('T2', 'conversations.open', 'x', now)).toBe(0);
    expect(gate.admit('T1', 'chat.postMessage', 'y', now)).toBe(0);
  });

  it('holds a workspace’s method past a Retry-After, then paces it slower', () => {
    const gate = new RateGate(INTERVALS);
    const now = 1_000_000;
    gate.limited('T1', 'conversations.open', 30_000, now);
    // Slack's budget for this workspace is below ours: a 429 makes the interval a quarter longer.
    expect(gate.intervalOf('T1', 'conversations.open', now)).toBe(1_250);
    expect(gate.admit('T1', 'conversations.open', 'a', now)).toBe(now + 30_000);
    expect(gate.admit('T1', 'conversations.open', 'b', now)).toBe(now + 31_250);
    // A method it does not pace is held until the Retry-After and no longer.
    gate.limited('T1', 'files.getUploadURLExternal', 5_000, now);
    expect(gate.admit('T1', 'files.getUploadURLExternal', 'c', now)).toBe(now + 5_000);
    expect(gate.admit('T1', 'files.getUploadURLExternal', 'd', now + 5_000)).toBe(0);
    expect(gate.admit('T2', 'conversations.open', 'e', now)).toBe(0);
  });
});

describe('the rate gate learning from 429s', () => {
  it('slows a workspace’s method with each 429, up to a limit, and eases back after quiet minutes', () => {
    const gate = new RateGate(INTERVALS);
    const now = 1_000_000;
    for (let i = 0; i < 2; i++) gate.limited('T1', 'conversations.open', 1_000, now);
    expect(gate.intervalOf('T1', 'conversations.open', now)).toBeCloseTo(1_562.5);
    for (let i = 0; i < 5; i++) gate.limited('T1', 'conversations.open', 1_000, now);
    expect(gate.intervalOf('T1', 'conversations.open', now)).toBe(2_000);
    // Each quiet half-minute takes a step back, never below the budget.
    expect(gate.intervalOf('T1', 'conversations.open', now + 30_000)).toBe(1_600);
    expect(gate.intervalOf('T1', 'conversations.open', now + 10 * 60_000)).toBe(1_000);
    // Another workspace, and another method, keep their budgets.
    expect(gate.intervalOf('T2', 'conversations.open', now)).toBe(1_000);
    expect(gate.intervalOf('T1', 'chat.postMessage', now)).toBe(0);
  });
});
