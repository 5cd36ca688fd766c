import { formatConfigProblems, loadConfig } from './config.js';
import { loadDotEnv } from './env-file.js';
import { checkDataDir, EXIT_CONFIG, probePort, StartupFailure } from './startup.js';

// Only light modules are loaded up to here, so that a configuration mistake is reported at once;
// Slack, the database drivers and the logger load after the quick checks pass.
loadDotEnv();
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(formatConfigProblems(loaded.problems));
  process.exit(EXIT_CONFIG);
}
const config = loaded.config;
try {
  if (!config.database.url) checkDataDir(config.database.dataDir);
  await probePort(config.port);
} catch (error) {
  if (!(error instanceof StartupFailure)) throw error;
  console.error(`Rearview cannot start: ${error.message}`);
  process.exit(error.exitCode);
}
const { serve } = await import('./serve.js');
await serve(config);
