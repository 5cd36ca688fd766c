import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { childLogger, type Logger, safeError } from '../logger.js';
import type { Outbox } from '../outbox/index.js';
import { type Coalescer, createCoalescer } from '../shared/coalesce.js';
import { CARD_INTERVAL_MS, cardEdit } from './card.service.js';
import { noteActivity } from './card-counts.repository.js';
import type { Retro } from './retro.js';
import { findRetro } from './retro.repository.js';

/**
 * A first submission waits this long before the card's edit is queued: the rest of a burst (a team told
 * "add your feedback now") arrives meanwhile and is answered first. The burst then costs one edit with
 * its final counts.
 */
export const CARD_SETTLE_MS = 500;

export interface CardPacer {
  /** The card should show what is stored now; it will, within about two seconds. */
  request(retro: Pick<Retro, 'id' | 'teamId'>): void;
  /** At shutdown: queues what is still waiting, now, and ignores later requests. */
  stop(): Promise<void>;
}

/**
 * Submissions and ballots are answered without waiting for the database beyond their own write, so they
 * ask for the card's edit here, after the acknowledgement: requests for one retro become one queued edit
 * per `CARD_INTERVAL_MS` in this copy (the outbox paces the edits themselves across copies).
 */
export function createCardPacer(ctx: { db: Db; logger: Logger; outbox: Outbox; clock: Clock }): CardPacer {
  const log = childLogger(ctx.logger, 'retro');
  const coalescer: Coalescer = createCoalescer(
    async (key) => {
      const [teamId = '', retroId = ''] = key.split(':');
      const retro = await findRetro(ctx.db, teamId, retroId);
      if (!retro) return;
      // The card's counts wait for a quiet spell after the last feedback (card-counts.ts).
      await noteActivity(ctx.db, retro, ctx.clock.now());
      await ctx.outbox.enqueue(ctx.db, cardEdit(retro, 'paced'));
      ctx.outbox.kick();
    },
    {
      minIntervalMs: CARD_INTERVAL_MS,
      settleMs: CARD_SETTLE_MS,
      onError: (key, error) =>
        log.warn(
          { err: safeError(error), retro: key.split(':')[1] },
          'could not queue the retro card’s update',
        ),
    },
  );
  return {
    request: (retro) => coalescer.request(`${retro.teamId}:${retro.id}`),
    stop: () => coalescer.stop(),
  };
}
