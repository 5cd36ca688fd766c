import type { AppContext } from '../context.js';

/** A job the minutely tick runs: a plain function of the context and the time, so tests pass a fake clock. */
export type ScheduledJob = (ctx: AppContext, now: Date) => Promise<unknown>;
