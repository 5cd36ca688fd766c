import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** Subsystems get their own child logger so log lines can be filtered by `subsystem`. */
export type Subsystem = 'app' | 'db' | 'slack' | 'bolt' | 'scheduler' | 'outbox' | 'retro';

// Secrets and tokens can turn up in config dumps, Slack client errors and request headers.
const REDACT = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  'connectionString',
  '*.connectionString',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Tests pass a stream to capture lines; otherwise stdout. */
  destination?: DestinationStream;
  pretty?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(base);
}

export function childLogger(logger: Logger, subsystem: Subsystem): Logger {
  return logger.child({ subsystem });
}

/**
 * What of an error may be logged. Database errors carry `detail` and `where` with the values of
 * the failing row (feedback text, user ids), so only the type, code, message and stack go out.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    stack: error.stack,
  };
}
