/**
 * Coalesces requests to redo one piece of work per key (re-render a retro card): the first request
 * runs after `settleMs` (at once by default); requests made meanwhile, while it runs, or sooner than
 * `minIntervalMs` after it started, are folded into one more run when the interval is over. The
 * last run always starts after the last request, so what it shows is never older than what was
 * asked for.
 *
 * `run` may answer `{ retryInMs }` when it could not do the work now (another copy of the bot holds
 * the lease): the key is tried again then.
 */
export interface Coalescer {
  request(key: string): void;
  /**
   * Runs what is still waiting (its interval or settle time) at once, and waits for it and for
   * running work; later requests are ignored. A process stopping thus leaves nothing half-shown.
   */
  stop(): Promise<void>;
}

// biome-ignore lint/suspicious/noConfusingVoidType: plain async work (returning nothing) is the common case.
type RunResult = void | { retryInMs: number };

interface KeyState {
  running: Promise<void> | undefined;
  pending: boolean;
  timer: NodeJS.Timeout | undefined;
  lastStart: number;
}

export function createCoalescer(
  run: (key: string) => Promise<RunResult>,
  options: {
    minIntervalMs: number;
    /** How long a first request waits for company: a burst is then handled after it, in one run. */
    settleMs?: number;
    now?: () => number;
    onError?: (key: string, error: unknown) => void;
  },
): Coalescer {
  const now = options.now ?? (() => performance.now());
  const keys = new Map<string, KeyState>();
  let stopped = false;

  /** Runs the work once; a failure is reported and counts as done. */
  async function attempt(key: string): Promise<RunResult> {
    try {
      return await run(key);
    } catch (error) {
      options.onError?.(key, error);
      return undefined;
    }
  }

  function schedule(key: string, state: KeyState, delayMs: number): void {
    if (state.timer || stopped) return;
    state.timer = setTimeout(
      () => {
        state.timer = undefined;
        start(key, state);
      },
      Math.max(0, delayMs),
    );
    state.timer.unref?.();
  }

  function start(key: string, state: KeyState): void {
    if (stopped) return;
    state.pending = false;
    const previousStart = state.lastStart;
    state.lastStart = now();
    state.running = (async () => {
      const retry = retryIn(await attempt(key));
      state.running = undefined;
      if (retry !== undefined) {
        // The work was not done: the interval still counts from the run before, and `retryInMs`
        // says when the turn comes (waiting a whole interval more would show old counts longer).
        state.lastStart = previousStart;
        state.pending = true;
      }
      if (state.pending) {
        const wait = Math.max(options.minIntervalMs - (now() - state.lastStart), retry ?? 0);
        schedule(key, state, wait);
      } else if (!state.timer) {
        keys.delete(key);
      }
    })();
  }

  return {
    request(key) {
      if (stopped) return;
      let state = keys.get(key);
      if (!state) {
        state = { running: undefined, pending: false, timer: undefined, lastStart: -Infinity };
        keys.set(key, state);
      }
      if (state.running || state.timer) {
        state.pending = true;
        return;
      }
      const wait = Math.max(options.settleMs ?? 0, options.minIntervalMs - (now() - state.lastStart));
      if (wait <= 0) start(key, state);
      else {
        state.pending = true;
        schedule(key, state, wait);
      }
    },
    async stop() {
      stopped = true;
      const last = async (key: string, state: KeyState) => {
        if (state.timer) {
          clearTimeout(state.timer);
          state.timer = undefined;
          state.pending = true;
        }
        await state.running;
        if (!state.pending) return;
        state.pending = false;
        // A refused turn is waited out once (another copy's run may have started before the last
        // request); the caller bounds how long a stop may wait.
        const retry = retryIn(await attempt(key));
        if (retry === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, retry));
        await attempt(key);
      };
      await Promise.all([...keys.entries()].map(([key, state]) => last(key, state)));
      keys.clear();
    },
  };
}

/** How long until a refused run's turn comes; undefined when the work was done. */
function retryIn(result: RunResult): number | undefined {
  return result && 'retryInMs' in result ? result.retryInMs : undefined;
}
