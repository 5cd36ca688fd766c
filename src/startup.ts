import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { CONFIG_DOCS, type Config } from './config.js';
import { platformErrorOf } from './slack/platform-error.js';

/** 2: a variable needs changing. 1: something outside is down or broken; trying again may help. */
export const EXIT_CONFIG = 2;
export const EXIT_OTHER = 1;

/** A start-up failure as one line that names its cause and the variable to look at. */
export class StartupFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Any error of a start as a failure to report: ours as it is, anything else as unexpected. */
export function asStartupFailure(error: unknown): StartupFailure {
  return error instanceof StartupFailure
    ? error
    : new StartupFailure(
        `unexpected error (${error instanceof Error ? error.message : String(error)})`,
        EXIT_OTHER,
      );
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

function causeOf(error: unknown): string {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** The embedded database needs a folder it can write; found out now rather than mid-migration. */
export function checkDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new StartupFailure(
      `DATA_DIR "${dir}" is not writable (${codeOf(error) ?? causeOf(error)}): choose a folder Rearview may write to, or set DATABASE_URL (see ${CONFIG_DOCS})`,
      EXIT_CONFIG,
    );
  }
}

const TOKEN_REJECTED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

export function explainSlackFailure(
  error: unknown,
  variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  config: Config,
): StartupFailure {
  const platformError = platformErrorOf(error);
  if (platformError && TOKEN_REJECTED.has(platformError)) {
    return new StartupFailure(
      `Slack rejected ${variable} (${platformError}): copy the token again from your Slack app's settings (see ${CONFIG_DOCS})`,
      EXIT_CONFIG,
    );
  }
  const api = config.slack.apiUrl ?? 'https://slack.com/api/';
  // A request error wraps the network failure (ECONNREFUSED, ENOTFOUND) in `original.cause`.
  const network = (error as { original?: { cause?: unknown } })?.original?.cause;
  const cause = platformError ?? causeOf(network instanceof Error ? network : error);
  return new StartupFailure(
    `could not check ${variable} with Slack at ${api} (${cause}): check the network, or SLACK_API_URL if set (see ${CONFIG_DOCS})`,
    EXIT_OTHER,
  );
}

/** Where DATABASE_URL points, without its password. */
function databaseTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Reads a failure to connect to or migrate the database as something a person can fix. */
export function explainDatabaseFailure(error: unknown, config: Config): StartupFailure {
  const url = config.database.url;
  if (!url) {
    return new StartupFailure(
      `the embedded database in DATA_DIR "${config.database.dataDir}" could not be opened (${causeOf(error)}): check DATA_DIR, or set DATABASE_URL (see ${CONFIG_DOCS})`,
      EXIT_OTHER,
    );
  }
  const target = databaseTarget(url);
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') {
    return new StartupFailure(
      `PostgreSQL at ${target} refused the user name or password in DATABASE_URL (${message}) (see ${CONFIG_DOCS})`,
      EXIT_CONFIG,
    );
  }
  if (code === '3D000') {
    return new StartupFailure(
      `the database named in DATABASE_URL does not exist on ${target} (${message}): create it or fix the name (see ${CONFIG_DOCS})`,
      EXIT_CONFIG,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new StartupFailure(
      `nothing accepts connections at ${target} (ECONNREFUSED): start PostgreSQL or fix the host and port in DATABASE_URL (see ${CONFIG_DOCS})`,
      EXIT_OTHER,
    );
  }
  if ((code && UNREACHABLE.has(code)) || /timeout/i.test(message)) {
    return new StartupFailure(
      `PostgreSQL at ${target} cannot be reached (${code ?? message}): check the host in DATABASE_URL and the network (see ${CONFIG_DOCS})`,
      EXIT_OTHER,
    );
  }
  return new StartupFailure(
    `could not prepare the database at ${target} (${causeOf(error)}): check DATABASE_URL (see ${CONFIG_DOCS})`,
    EXIT_OTHER,
  );
}

/**
 * Tries the port before the heavy modules load, so that a taken PORT is reported at once; the
 * app binds it for real a moment later (a race there ends in the same message).
 */
export function probePort(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(explainListenFailure(error, port)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Reads a failure to listen as a PORT problem when it is one. */
export function explainListenFailure(error: unknown, port: number): StartupFailure {
  const code = codeOf(error);
  if (code === 'EADDRINUSE') {
    return new StartupFailure(
      `PORT ${port} is already in use by another program: stop it or set PORT to a free port (see ${CONFIG_DOCS})`,
      EXIT_CONFIG,
    );
  }
  if (code === 'EACCES') {
    return new StartupFailure(
      `PORT ${port} may not be opened by this user (EACCES): use a port above 1023 (see ${CONFIG_DOCS})`,
      EXIT_CONFIG,
    );
  }
  return new StartupFailure(`could not listen on PORT ${port} (${causeOf(error)})`, EXIT_OTHER);
}
