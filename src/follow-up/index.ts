import type { FeatureModule } from '../feature.js';
import { pruneOutbox } from '../outbox/outbox.repository.js';
import { digestJob } from './digest-job.js';
import { nudgeJob } from './nudge-job.js';
import { timeZoneJob } from './time-zone-job.js';

const KEEP_SENT_MS = 30 * 24 * 3600_000;

/**
 * The weekly follow-up. Time zones first (so a nudge uses a fresh zone), then what is due is queued, then
 * the outbox sends it, with whatever the features' jobs queued earlier in the tick. Old outbox rows go
 * last; their week's keys are long past.
 */
export const followUpModule: FeatureModule = {
  jobs: (ctx) => [
    { name: 'time zones', run: timeZoneJob(ctx.outbox.client) },
    { name: 'nudges', run: nudgeJob },
    { name: 'digests', run: digestJob },
    { name: 'outbox', run: async (c) => (await c.outbox.flush()).sent },
    { name: 'outbox pruning', run: (c, now) => pruneOutbox(c.db, new Date(now.getTime() - KEEP_SENT_MS)) },
  ],
};
