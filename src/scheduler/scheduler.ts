import cron from 'node-cron';
import type { AppContext } from '../context.js';
import type { Job } from '../feature.js';
import { childLogger, safeError } from '../logger.js';

export interface Scheduler {
  /** One pass of every job; the cron calls it every minute, tests call it directly. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the features' time-driven work (deadline reminders, the move from collecting to voting, …)
 * in the order given. Every job claims its work in the database, so any number of copies of the
 * bot can tick at once.
 */
export function startScheduler(
  ctx: AppContext,
  jobs: readonly Job[],
  options: { cron?: boolean } = {},
): Scheduler {
  const log = childLogger(ctx.logger, 'scheduler');
  let running: Promise<void> = Promise.resolve();
  const runJobs = async () => {
    for (const job of jobs) {
      try {
        const done = await job.run();
        if (done > 0) log.info({ job: job.name, done }, 'scheduled work done');
      } catch (error) {
        log.error({ err: safeError(error), job: job.name }, 'scheduled job failed');
      }
    }
  };
  // One pass at a time; stop() waits for the pass in flight before the database closes.
  const tick = () => {
    running = running.then(runJobs);
    return running;
  };
  const task =
    options.cron === false
      ? undefined
      : cron.schedule('* * * * *', tick, { name: 'rearview-minutely', noOverlap: true });
  return {
    tick,
    async stop() {
      await task?.destroy();
      await running;
    },
  };
}
