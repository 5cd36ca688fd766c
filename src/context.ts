import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';

/** Everything a listener or job needs; built once in main.ts, or once per test app. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
}
