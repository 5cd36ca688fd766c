import type { AppContext } from '../context.js';
import { enqueue } from '../outbox/outbox.repository.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';

/**
 * Round after round, selects what is due and queues one keyed message for each, until nothing is left.
 * The key makes a second copy of the bot doing the same a no-op; each round commits on its own.
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
    queued += await ctx.db.transaction().execute(async (trx) => {
      let created = 0;
      for (const item of due) if (await enqueue(trx, toMessage(item), now)) created += 1;
      return created;
    });
  }
  return queued;
}
