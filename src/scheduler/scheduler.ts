import type { webApi } from '@slack/bolt';
import cron from 'node-cron';
import type { AppContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import { advanceRetrosPastDeadline } from '../retro/phase-flow.js';
import { sendDeadlineReminders } from '../retro/reminders.js';

export interface Scheduler {
  /** One pass of every job; the cron calls it every minute, tests call it directly. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Time-driven work: deadline reminders and the move from collecting to voting. Every job claims its
 * work in the database, so any number of copies of the bot can tick at once.
 */
export function startScheduler(
  ctx: AppContext,
  client: webApi.WebClient,
  options: { cron?: boolean } = {},
): Scheduler {
  const log = childLogger(ctx.logger, 'scheduler');
  let running: Promise<void> = Promise.resolve();
  const runJobs = async () => {
    for (const [name, job] of [
      ['deadline reminders', () => sendDeadlineReminders(ctx, client)],
      ['deadlines', () => advanceRetrosPastDeadline(ctx, client)],
    ] as const) {
      try {
        const done = await job();
        if (done > 0) log.info({ job: name, done }, 'scheduled work done');
      } catch (error) {
        log.error({ err: safeError(error), job: name }, 'scheduled job failed');
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
