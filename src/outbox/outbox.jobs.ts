import type { FeatureModule } from '../feature.js';
import { pruneOutbox } from './outbox.repository.js';

/** Sent and given-up rows are kept this long, for a look at what went out. */
const KEEP_SENT_MS = 30 * 24 * 3600_000;

/**
 * Its jobs need no order with the others': every feature kicks the sender after queuing, and the sender
 * also looks on its own every few seconds. The minutely pass here sends what a kick may have missed
 * (another copy's rows whose retry came due) and prunes what is long done.
 */
export const outboxModule: FeatureModule = {
  jobs: () => [
    { name: 'outbox', run: async (c) => (await c.outbox.flush()).sent },
    { name: 'outbox pruning', run: (c, now) => pruneOutbox(c.db, new Date(now.getTime() - KEEP_SENT_MS)) },
  ],
};
