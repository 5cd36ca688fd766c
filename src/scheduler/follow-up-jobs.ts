import { digestJob } from '../follow-up/digest-job.js';
import { nudgeJob } from '../follow-up/nudge-job.js';
import { timeZoneJob } from '../follow-up/time-zone-job.js';
import { pruneOutbox } from '../outbox/outbox.repository.js';
import { type OutboxDeps, runOutbox } from '../outbox/outbox-worker.js';
import type { NamedJob } from './cron.js';

const KEEP_SENT_MS = 30 * 24 * 3600_000;

/**
 * Time zones first (so a nudge uses a fresh zone), then what is due is queued, then the outbox sends it.
 * Old outbox rows go last; their week's keys are long past.
 */
export function followUpJobs(outbox: OutboxDeps): NamedJob[] {
  return [
    { name: 'time zones', run: timeZoneJob(outbox.client) },
    { name: 'nudges', run: nudgeJob },
    { name: 'digests', run: digestJob },
    { name: 'outbox', run: async (_ctx, now) => (await runOutbox(outbox, now)).sent },
    {
      name: 'outbox pruning',
      run: (ctx, now) => pruneOutbox(ctx.db, new Date(now.getTime() - KEEP_SENT_MS)),
    },
  ];
}
