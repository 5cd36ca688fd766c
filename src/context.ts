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
 * What every feature is given: the process context plus the seam for more than one workspace. Today
 * one bot token serves every team; OAuth installation can later hand out a client per team here
 * without any feature changing.
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
