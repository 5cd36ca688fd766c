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
 * The one place node-cron is used: a tick a minute running the features' jobs in the order given, each
 * asking the database what is due. Every job claims its work in the database (leases cover a copy that
 * dies mid-pass), so any number of copies can tick at once. `SCHEDULER=off` starts nothing: a web-only copy.
 */
export function startCron<C extends AppContext = FeatureContext>(
  ctx: C,
  jobs: readonly { name: Job['name']; run(ctx: C, now: Date): Promise<unknown> }[],
  options: { schedule?: boolean } = {},
): Cron {
  if (ctx.config.scheduler === 'off') return { tick: async () => {}, stop: async () => {} };
  const log = childLogger(ctx.logger, 'scheduler');
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const pass = async (now: Date) => {
    for (const job of jobs) {
      if (stopping.signal.aborted) return;
      try {
        const done = await job.run(ctx, now);
        if (typeof done === 'number' && done > 0) log.info({ job: job.name, done }, 'scheduled work done');
      } catch (error) {
        log.error({ err: safeError(error), job: job.name }, 'scheduled job failed');
      }
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
