import cron from 'node-cron';
import type { AppContext } from '../context.js';
import type { ScheduledJob } from '../follow-up/scheduled-job.js';
import { childLogger, safeError } from '../logger.js';

export interface NamedJob {
  name: string;
  run: ScheduledJob;
}

export interface Cron {
  /** One pass of every job at `now` (default: the context's clock); the cron calls it every minute. */
  tick(now?: Date): Promise<void>;
  /** No new pass starts; the pass in flight finishes what it sends and hands back what it has not tried. */
  stop(): Promise<void>;
}

/**
 * The one place node-cron is used: a tick a minute, each job asking the database what is due. Jobs get
 * `signal` to stop early on shutdown; leases cover a copy that dies mid-pass. `SCHEDULER=off` starts
 * nothing.
 */
export function startCron(
  ctx: AppContext,
  jobs: (signal: AbortSignal) => NamedJob[],
  options: { schedule?: boolean } = {},
): Cron {
  if (ctx.config.scheduler === 'off') return { tick: async () => {}, stop: async () => {} };
  const log = childLogger(ctx.logger, 'scheduler');
  const stopping = new AbortController();
  const list = jobs(stopping.signal);
  let running: Promise<void> = Promise.resolve();
  const pass = async (now: Date) => {
    for (const job of list) {
      if (stopping.signal.aborted) return;
      try {
        const done = await job.run(ctx, now);
        if (typeof done === 'number' && done > 0) log.info({ job: job.name, done }, 'scheduled work done');
      } catch (error) {
        log.error({ err: safeError(error), job: job.name }, 'scheduled job failed');
      }
    }
  };
  const tick = (now?: Date) => {
    running = running.then(() => pass(now ?? ctx.clock.now()));
    return running;
  };
  const task =
    options.schedule === false
      ? undefined
      : cron.schedule('* * * * *', () => tick(), { name: 'rearview-follow-up', noOverlap: true });
  return {
    tick,
    async stop() {
      stopping.abort();
      await task?.destroy();
      await running;
    },
  };
}
