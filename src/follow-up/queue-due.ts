import type { AppContext } from '../context.js';
import { enqueueMany } from '../outbox/outbox.repository.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';

/**
 * Round after round, selects what is due and queues one keyed message for each, until nothing is left.
 * The key makes a second copy of the bot doing the same a no-op; each round is one statement.
 */
export async function queueDue<T>(
  ctx: AppContext,
  now: Date,
  select: () => Promise<T[]>,
  toMessage: (due: T) => OutboxMessage,
  maxRounds = 200,
): Promise<number> {
  let queued = 0;
  for (let round = 0; round < maxRounds; round++) {
    const due = await select();
    if (due.length === 0) break;
    queued += await enqueueMany(ctx.db, due.map(toMessage), now);
  }
  return queued;
}
