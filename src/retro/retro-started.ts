import type { FeatureContext } from '../context.js';
import { safeError } from '../logger.js';
import type { Retro } from './retro.js';

/**
 * What other features do once a retro's card is in the channel (last time's actions reviewed in its thread,
 * saved drafts offered to their savers), however it started: `/retro start` or a schedule. `app.ts` hands
 * the list to the features that start retros, so they need not know who listens. Each is once-only (job
 * keys), since a start may be retried.
 */
export type OnRetroStarted = (ctx: FeatureContext, retro: Retro) => Promise<void>;

/** Runs each in turn; one failing (logged) does not keep the others from running. */
export function retroStartedHooks(hooks: readonly OnRetroStarted[]): OnRetroStarted {
  return async (ctx, retro) => {
    for (const hook of hooks) {
      try {
        await hook(ctx, retro);
      } catch (error) {
        ctx.logger.warn({ err: safeError(error), retro: retro.id }, 'a step after the retro started failed');
      }
    }
  };
}
