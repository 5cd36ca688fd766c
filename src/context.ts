import type { webApi } from '@slack/bolt';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';
import type { Outbox } from './outbox/outbox.service.js';
import type { CardPacer } from './retro/card-pace.service.js';

/** What the process builds once (main.ts, or once per test app): no Slack in it yet. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
}

/** The Web API client of one workspace. */
export type ClientFor = (teamId: string) => webApi.WebClient;

/**
 * What every feature is given: the process context plus the seam for more than one workspace. With one
 * SLACK_BOT_TOKEN that token serves its workspace; installed by OAuth, `clientFor` hands out a client
 * that carries each workspace's own token (src/installations/), and features never tell the two apart.
 */
export interface FeatureContext extends AppContext {
  clientFor: ClientFor;
  /** The bot's own user id in a workspace (asked of Slack once per team). */
  botUserId(teamId: string): Promise<string>;
  /** The one way to send what must reach Slack (see src/outbox/outbox.service.ts). */
  outbox: Outbox;
  /** Re-renders retro cards after submissions and ballots, paced per retro; one per process. */
  cards: CardPacer;
}
