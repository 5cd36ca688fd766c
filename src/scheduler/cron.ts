import cron from 'node-cron';
import type { AppContext, FeatureContext } from '../context.js';
import type { Job } from '../feature.js';
import { childLogger, safeError } from '../logger.js';

export interface Cron {
  /** One pass of every job at `now` (default: the context's clock); the cron calls it every minute. */
  tick(now?: Date): Promise<void>;
  /** No new pass starts and the pass in flight skips its remaining jobs; resolves when it has finished. */
  stop(): Promise<void>;
}

/**
 * A job that fails (the database away for a moment, a deadlock) is tried again after these pauses, on its
 * own: the jobs after it run either way, and each claims its work in the database, so a retry that
 * overlaps another copy's pass does nothing twice.
 */
const RETRY_DELAYS_MS = [500, 2_000];

/**
 * The one place node-cron is used: a tick a minute running the features' jobs in the order given (each retried on its own when it fails), each
 * asking the database what is due. Every job claims its work in the database (leases cover a copy that
 * dies mid-pass), so any number of copies can tick at once. `SCHEDULER=off` starts nothing: a web-only copy.
 */
export function startCron<C extends AppContext = FeatureContext>(
  ctx: C,
  jobs: readonly { name: Job['name']; run(ctx: C, now: Date): Promise<unknown> }[],
  options: { schedule?: boolean; retryDelaysMs?: readonly number[] } = {},
): Cron {
  if (ctx.config.scheduler === 'off') return { tick: async () => {}, stop: async () => {} };
  const log = childLogger(ctx.logger, 'scheduler');
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const retries = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const runJob = async (job: (typeof jobs)[number], now: Date) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const done = await job.run(ctx, now);
        if (typeof done === 'number' && done > 0) log.info({ job: job.name, done }, 'scheduled work done');
        return;
      } catch (error) {
        const delay = retries[attempt];
        if (delay === undefined || stopping.signal.aborted) {
          log.error(
            { err: safeError(error), job: job.name },
            'scheduled job failed; the next tick tries again',
          );
          return;
        }
        log.warn(
          { err: safeError(error), job: job.name, attempt: attempt + 1 },
          'scheduled job failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
  const pass = async (now: Date) => {
    for (const job of jobs) {
      if (stopping.signal.aborted) return;
      await runJob(job, now);
    }
  };
  // One pass at a time; stop() waits for the pass in flight before the database closes.
  const tick = (now?: Date) => {
    running = running.then(() => pass(now ?? ctx.clock.now()));
    return running;
  };
  const task =
    options.schedule === false
      ? undefined
      : cron.schedule('* * * * *', () => tick(), { name: 'rearview-minutely', noOverlap: true });
  return {
    tick,
    async stop() {
      stopping.abort();
      await task?.destroy();
      await running;
    },
  };
}
