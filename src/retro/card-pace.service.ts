import type { webApi } from '@slack/bolt';
import type { Db } from '../db/database.js';
import { childLogger, type Logger, safeError } from '../logger.js';
import { type Coalescer, createCoalescer } from '../shared/coalesce.js';
import { refreshCard } from './card.service.js';
import { takeCardTurn } from './card-pace.repository.js';
import type { Retro } from './retro.js';

/** Slack allows a message about one edit a second; a burst of submissions needs far fewer. */
export const CARD_INTERVAL_MS = 2_000;
/**
 * A first submission waits this long before the card is re-rendered: the rest of a burst (a team
 * told "add your feedback now") arrives meanwhile, and is answered before the render takes the
 * event loop and a database connection. The burst then costs one render with its final counts.
 */
export const CARD_SETTLE_MS = 500;

export interface CardPacer {
  /** The card should show what is stored now; it will, within about two seconds. */
  request(retro: Pick<Retro, 'id' | 'teamId'>): void;
  /** At shutdown: renders what is still waiting, now, and ignores later requests. */
  stop(): Promise<void>;
}

/**
 * Re-renders retro cards at most about once every two seconds per retro, across every copy of the
 * bot, always ending with a render that started after the last request, so the card catches up
 * with the last submission. Nobody waits for it: it runs after the acknowledgement, and half a
 * second after the first request, so not in the middle of a burst.
 */
export function createCardPacer(ctx: {
  db: Db;
  logger: Logger;
  clientFor: (teamId: string) => webApi.WebClient;
}): CardPacer {
  const log = childLogger(ctx.logger, 'retro');
  const coalescer: Coalescer = createCoalescer(
    async (key) => {
      const [teamId = '', retroId = ''] = key.split(':');
      const wait = await takeCardTurn(ctx.db, teamId, retroId, CARD_INTERVAL_MS);
      if (wait > 0) return { retryInMs: wait };
      await refreshCard(ctx.db, ctx.clientFor(teamId), { id: retroId, teamId }, log);
    },
    {
      minIntervalMs: CARD_INTERVAL_MS,
      settleMs: CARD_SETTLE_MS,
      onError: (key, error) =>
        log.warn({ err: safeError(error), retro: key.split(':')[1] }, 'could not update the retro card'),
    },
  );
  return {
    request: (retro) => coalescer.request(`${retro.teamId}:${retro.id}`),
    stop: () => coalescer.stop(),
  };
}
