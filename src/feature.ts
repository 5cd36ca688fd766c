import type { App } from '@slack/bolt';
import type { SubcommandHandler } from './commands/register.js';
import type { FeatureContext } from './context.js';

/** Time-driven work; `run` returns how many things it did (0 when there was nothing due). */
export interface Job {
  name: string;
  run(): Promise<number>;
}

/**
 * What a feature folder exports from its `index.ts`: its Slack listeners, its `/retro` subcommands
 * and its scheduled jobs. `app.ts` composes the list; no feature registers another's listeners.
 */
export interface FeatureModule {
  register?(app: App, ctx: FeatureContext): void;
  subcommands?(ctx: FeatureContext): Record<string, SubcommandHandler>;
  jobs?(ctx: FeatureContext): Job[];
}
