/**
 * Coalesces requests to redo one piece of work per key (queue a retro card's edit): the first request
 * runs after `settleMs` (at once by default); requests made meanwhile, while it runs, or sooner than
 * `minIntervalMs` after it started, are folded into one more run when the interval is over. The
 * last run always starts after the last request, so what it shows is never older than what was
 * asked for.
 */
export interface Coalescer {
  request(key: string): void;
  /**
   * Runs what is still waiting (its interval or settle time) at once, and waits for it and for
   * running work; later requests are ignored. A process stopping thus leaves nothing half-shown.
   */
  stop(): Promise<void>;
}

interface KeyState {
  running: Promise<void> | undefined;
  pending: boolean;
  timer: NodeJS.Timeout | undefined;
  lastStart: number;
}

export function createCoalescer(
  run: (key: string) => Promise<void>,
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
  async function attempt(key: string): Promise<void> {
    try {
      await run(key);
    } catch (error) {
      options.onError?.(key, error);
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
    state.lastStart = now();
    state.running = (async () => {
      await attempt(key);
      state.running = undefined;
      if (state.pending) {
        schedule(key, state, options.minIntervalMs - (now() - state.lastStart));
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
        await attempt(key);
      };
      await Promise.all([...keys.entries()].map(([key, state]) => last(key, state)));
      keys.clear();
    },
  };
}
