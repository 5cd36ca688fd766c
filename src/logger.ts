import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** Subsystems get their own child logger so log lines can be filtered by `subsystem`. */
export type Subsystem = 'app' | 'db' | 'slack' | 'bolt' | 'scheduler' | 'outbox' | 'retro' | 'demo';

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
  'refreshToken',
  '*.refreshToken',
  'clientSecret',
  '*.clientSecret',
  'stateSecret',
  '*.stateSecret',
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

/** Lines waiting for a slow reader beyond this are dropped rather than held in memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Log lines for stdout that never hold the process up. Node writes to a pipe synchronously, so a
 * reader that stops reading blocks every log call, and pino's own destination retries a full pipe
 * in a busy loop; either way a shutdown timer never gets to run. Through a non-blocking socket of
 * our own the lines queue (up to a bound) and are dropped once the reader is gone (EPIPE).
 * Files and terminals do not stall like that and keep the plain synchronous destination.
 */
export interface StdoutDestination extends DestinationStream {
  /** Waits until queued lines are written, at most `withinMs`. */
  flush(withinMs: number): Promise<void>;
}

export function stdoutDestination(): StdoutDestination {
  const stat = fstatSync(1);
  if (!stat.isFIFO() && !stat.isSocket()) {
    const sync = pino.destination({ fd: 1, sync: true });
    return { write: (line: string) => sync.write(line), flush: async () => {} };
  }
  const out = new Socket({ fd: 1, readable: false, writable: true });
  let gone = false;
  out.on('error', () => {
    gone = true;
    out.destroy();
  });
  // Pending lines must not keep a finished process alive.
  out.unref();
  return {
    write(line: string) {
      if (gone || out.writableLength > MAX_BUFFERED_BYTES) return;
      out.write(line);
    },
    flush(withinMs: number) {
      if (gone || out.writableLength === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, withinMs);
        out.once('drain', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
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
