import { QUIET_MS } from '../../src/retro/card-counts.js';
import { waitFor } from '../harness/poll.js';
import type { TestApp } from '../harness/test-app.js';

/**
 * Waits until the card's edit asked for by the submission just acknowledged has been rendered (its counts
 * may be held back: card-counts.ts), so that nothing of it lands later.
 */
export async function cardEditSettled(t: TestApp, retro: { id: string }): Promise<void> {
  const noted = t.clock.now().getTime();
  await waitFor(async () => {
    const row = await t.database.db
      .selectFrom('card_counts')
      .select('activity_at')
      .where('retro_id', '=', retro.id)
      .executeTakeFirst();
    return row?.activity_at?.getTime() === noted || undefined;
  }, 'the card’s edit to be asked for');
  await t.rearview.features.outbox.flush();
}

/** Lets the quiet spell pass, so the card catches up with every submission (the minutely job). */
export async function cardCatchesUp(t: TestApp, retro: { id: string }): Promise<void> {
  await cardEditSettled(t, retro);
  t.clock.advance(QUIET_MS);
  await t.rearview.scheduler?.tick();
  await t.rearview.features.outbox.flush();
}
