import type { SubcommandHandler } from './commands/register.js';
import type { FeatureContext } from './context.js';
import type { Listeners } from './slack/router.js';

/**
 * Time-driven work the minutely tick runs: a plain function of the context and the time, so tests call
 * it with a fake clock. It returns how many things it did (0 or nothing when nothing was due).
 */
export interface Job {
  name: string;
  run(ctx: FeatureContext, now: Date): Promise<unknown>;
}

/**
 * What a feature folder exports from its `index.ts`: its Slack listeners, its `/retro` subcommands
 * and its scheduled jobs. `app.ts` composes the list; no feature registers another's listeners.
 */
export interface FeatureModule {
  register?(app: Listeners, ctx: FeatureContext): void;
  subcommands?(ctx: FeatureContext): Record<string, SubcommandHandler>;
  jobs?(ctx: FeatureContext): Job[];
}
