import { formatConfigProblems, loadConfig } from '../config.js';
import { loadDotEnv } from '../env-file.js';
import { createDatabase } from './create-db.js';
import { migrateToLatest } from './migrate.js';

// `npm run migrate`: brings the configured database to the latest schema and reports what ran.
loadDotEnv();
const loaded = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-unused', SLACK_SIGNING_SECRET: 'unused', ...process.env });
if (!loaded.ok) {
  console.error(formatConfigProblems(loaded.problems));
  process.exit(2);
}
const db = createDatabase({ url: loaded.config.database.url, dataDir: loaded.config.database.dataDir });
try {
  const result = await migrateToLatest(db);
  const ran = result.results ?? [];
  console.log(
    ran.length ? ran.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'Already up to date.',
  );
} finally {
  await db.destroy();
}
