import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger.js';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bolt's and the Web API client's logs go through pino. They never go below info: at debug they
 * print request payloads, which can hold anonymous feedback next to the user who sent it.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const enabled = (at: LogLevel) => ORDER.indexOf(at) >= ORDER.indexOf(level);
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ');
  return {
    debug: () => {},
    info: (...msg) => enabled(LogLevel.INFO) && logger.info(text(msg)),
    warn: (...msg) => enabled(LogLevel.WARN) && logger.warn(text(msg)),
    error: (...msg) => enabled(LogLevel.ERROR) && logger.error(text(msg)),
    setLevel: (next) => {
      level = next === LogLevel.DEBUG ? LogLevel.INFO : next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
