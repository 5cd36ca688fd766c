import { readFileSync } from 'node:fs';
import { waitFor } from '../test/harness/poll.js';

/** Waits until `count()` has not changed for `quietMs`; resolves with its final value. */
export async function untilQuiet(
  count: () => number,
  quietMs: number,
  what: string,
  deadlineMs = 30_000,
): Promise<number> {
  let seen = -1;
  let quietSince = 0;
  await waitFor(
    () => {
      const now = count();
      if (now !== seen) [seen, quietSince] = [now, Date.now()];
      return Date.now() - quietSince >= quietMs;
    },
    what,
    deadlineMs,
  );
  return seen;
}

/** The machine's busy and total CPU time so far (Linux /proc/stat), or undefined where there is none. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      ?.trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    if (!fields || fields.length < 5) return undefined;
    const total = fields.reduce((sum, n) => sum + n, 0);
    // Fields 3 and 4 are the time spent idle and waiting for the disk.
    return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/**
 * Waits (at most `deadlineMs`) until the whole machine has been at most `busyShare` busy over one
 * second: a start timed while PostgreSQL still vacuums after the bench's writes measures the vacuum.
 * Resolves with whether it went quiet (true where the machine's CPU time cannot be read).
 */
export async function untilMachineIdle(busyShare: number, deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  let before = machineCpu();
  if (!before) return true;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = machineCpu();
    if (!after) return true;
    const share = (after.busy - before.busy) / Math.max(1, after.total - before.total);
    if (share <= busyShare) return true;
    before = after;
  }
  return false;
}
