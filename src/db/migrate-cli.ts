import { formatConfigProblems, loadConfig } from '../config.js';
import { loadDotEnv } from '../env-file.js';
import { checkDataDir, EXIT_CONFIG, explainDatabaseFailure, StartupFailure } from '../startup.js';
import { createDatabase } from './create-db.js';
import { migrateToLatest } from './migrate.js';

// `npm run migrate`: brings the configured database to the latest schema and reports what ran. Its
// failures read, and exit, as `npm start`'s do, so that scripts and people handle both alike.
loadDotEnv();
const loaded = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-unused', SLACK_SIGNING_SECRET: 'unused', ...process.env });
if (!loaded.ok) {
  console.error(formatConfigProblems(loaded.problems));
  process.exit(EXIT_CONFIG);
}
const config = loaded.config;
try {
  if (!config.database.url) checkDataDir(config.database.dataDir);
  const db = createDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  try {
    const result = await migrateToLatest(db);
    const ran = result.results ?? [];
    console.log(
      ran.length ? ran.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'Already up to date.',
    );
  } finally {
    await db.destroy().catch(() => undefined);
  }
} catch (error) {
  const failure = error instanceof StartupFailure ? error : explainDatabaseFailure(error, config);
  console.error(`Rearview cannot migrate: ${failure.message}`);
  process.exit(failure.exitCode);
}
