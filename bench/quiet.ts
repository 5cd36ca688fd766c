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
