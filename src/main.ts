import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { formatConfigProblems, loadConfig } from './config.js';
import { createDatabase } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { loadDotEnv } from './env-file.js';
import { childLogger, createLogger, safeError } from './logger.js';

const SHUTDOWN_GRACE_MS = 10_000;

loadDotEnv();
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(formatConfigProblems(loaded.problems));
  process.exit(2);
}
const config = loaded.config;
const logger = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY === true });
const log = childLogger(logger, 'app');

process.on('unhandledRejection', (reason) =>
  quietly(() => log.error({ err: safeError(reason) }, 'unhandled promise rejection')),
);

const db = createDatabase({ url: config.database.url, dataDir: config.database.dataDir });
const dbLog = childLogger(logger, 'db');
try {
  const { results } = await migrateToLatest(db);
  dbLog.info(
    { applied: results?.map((r) => r.migrationName) ?? [], embedded: !config.database.url },
    config.database.url ? 'database ready' : `embedded database ready in ${config.database.dataDir}`,
  );
} catch (error) {
  dbLog.fatal({ err: safeError(error) }, 'could not prepare the database');
  await db.destroy().catch(() => {});
  process.exit(1);
}

const rearview = buildApp({ config, db, logger, clock: systemClock });
try {
  await rearview.start();
} catch (error) {
  log.fatal(
    { err: safeError(error) },
    'could not start: check SLACK_BOT_TOKEN and SLACK_API_URL (see README.md#configuration)',
  );
  await db.destroy().catch(() => {});
  process.exit(1);
}

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  // Armed first: nothing below (a hung connection, a log write to a closed pipe) may keep us up.
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  quietly(() => log.info({ signal }, 'shutting down'));
  try {
    await rearview.stop();
    process.exit(0);
  } catch (error) {
    quietly(() => log.error({ err: safeError(error) }, 'shutdown failed'));
    process.exit(1);
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

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
