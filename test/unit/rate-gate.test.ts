import { describe, expect, it } from 'vitest';
import { RateGate } from '../../src/outbox/rate-gate.js';

const INTERVALS = { 'conversations.open': 1_000 };

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

  it('holds a workspace’s method past a Retry-After, then paces it', () => {
    const gate = new RateGate(INTERVALS);
    const now = 1_000_000;
    gate.limited('T1', 'conversations.open', 30_000, now);
    expect(gate.admit('T1', 'conversations.open', 'a', now)).toBe(now + 30_000);
    expect(gate.admit('T1', 'conversations.open', 'b', now)).toBe(now + 31_000);
    // A method it does not pace is held until the Retry-After and no longer.
    gate.limited('T1', 'files.getUploadURLExternal', 5_000, now);
    expect(gate.admit('T1', 'files.getUploadURLExternal', 'c', now)).toBe(now + 5_000);
    expect(gate.admit('T1', 'files.getUploadURLExternal', 'd', now + 5_000)).toBe(0);
    expect(gate.admit('T2', 'conversations.open', 'e', now)).toBe(0);
  });
});
