import { buildApp, type RearviewApp } from './app.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { createDatabase } from './db/create-db.js';
import type { Db } from './db/database.js';
import type { OpeningEmbedded } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { childLogger, createLogger, type Logger, safeError, stdoutDestination } from './logger.js';
import { checkBotToken } from './slack/check-token.js';
import { asStartupFailure, explainDatabaseFailure } from './startup.js';

/** From SIGTERM to exit, whatever happens; docker-compose's stop_grace_period is longer. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Left at the end of the grace for closing connections and the database. */
const CLOSING_MS = 1_500;
const FLUSH_MS = 1_000;
/** Migrations may take longer than the per-statement limit meant for requests Slack waits on. */
const MIGRATION_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/** Everything after the quick checks of main.ts: database, Slack, serving, and stopping on a signal. */
export async function serve(config: Config, opening?: OpeningEmbedded): Promise<void> {
  const out = process.stdout.isTTY ? undefined : stdoutDestination();
  const logger = createLogger({ level: config.logLevel, pretty: out === undefined, destination: out });
  const log = childLogger(logger, 'app');

  process.on('unhandledRejection', (reason) =>
    quietly(() => log.error({ err: safeError(reason) }, 'unhandled promise rejection')),
  );

  let db: Db | undefined;
  let rearview: RearviewApp | undefined;
  let shuttingDown = false;
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  try {
    // Cheapest checks first: each failure is reported before anything slow (Slack, migrations) runs.
    const dbLog = childLogger(logger, 'db');
    // Connects lazily: nothing waits on the database before the port and the token are checked.
    db = createDatabase({
      url: config.database.url,
      dataDir: config.database.dataDir,
      opening,
      onConnectionError: (error) =>
        quietly(() =>
          dbLog.warn({ err: safeError(error) }, 'a database connection broke; it will be replaced'),
        ),
    });
    rearview = buildApp({ config, db, logger, clock: systemClock });
    await rearview.listen();
    // Before migrating: a wrong token should not cost a migration to find out.
    await checkBotToken(config);
    await prepareDatabase(config, db, dbLog);
    await rearview.start();
  } catch (error) {
    await failStart(error);
  }

  /** One line on stderr naming the cause and the variable to fix; no stack trace. */
  async function failStart(error: unknown): Promise<never> {
    const failure = asStartupFailure(error);
    quietly(() => console.error(`Rearview cannot start: ${failure.message}`));
    setTimeout(() => process.exit(failure.exitCode), 2_000).unref();
    await db?.destroy().catch(() => {});
    process.exit(failure.exitCode);
  }

  async function shutdown(signal: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    const started = Date.now();
    // Armed first: nothing below (a hung connection, a log write to a closed pipe) may keep us up.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    quietly(() => log.info({ signal }, 'shutting down'));
    let code = 0;
    try {
      await rearview?.stop({ deadline: started + SHUTDOWN_GRACE_MS - CLOSING_MS });
    } catch (error) {
      quietly(() => log.error({ err: safeError(error) }, 'shutdown failed'));
      code = 1;
    }
    // The last lines, if the reader takes them soon; a reader that stopped reading gets no more.
    await out?.flush(Math.min(FLUSH_MS, Math.max(0, started + SHUTDOWN_GRACE_MS - Date.now() - 100)));
    process.exit(code);
  }
}

/**
 * PostgreSQL migrations run on a connection of their own, with a statement limit fit for them;
 * the embedded database allows one opener at a time and has no network to time out on.
 */
async function prepareDatabase(config: Config, db: Db, dbLog: Logger): Promise<void> {
  const embedded = !config.database.url;
  const migrationDb = embedded
    ? db
    : createDatabase({
        url: config.database.url,
        dataDir: undefined,
        statementTimeoutMs: MIGRATION_STATEMENT_TIMEOUT_MS,
        maxConnections: 1,
      });
  try {
    const { results } = await migrateToLatest(migrationDb);
    dbLog.info(
      { applied: results?.map((r) => r.migrationName) ?? [], embedded },
      embedded ? `embedded database ready in ${config.database.dataDir}` : 'database ready',
    );
  } catch (error) {
    throw explainDatabaseFailure(error, config);
  } finally {
    if (migrationDb !== db) await migrationDb.destroy().catch(() => {});
  }
}

/** Logging must never stop a shutdown, e.g. when whoever read our stdout has gone away. */
function quietly(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing left to tell.
  }
}
