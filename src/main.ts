import { formatConfigProblems, loadConfig } from './config.js';
import { demoConfig, startMode } from './demo/demo-config.js';
import { loadDotEnv } from './env-file.js';
import { checkDataDir, EXIT_CONFIG, probePort, StartupFailure } from './startup.js';

// Only light modules are loaded up to here, so that a configuration mistake is reported at once;
// Slack, the database drivers and the logger load after the quick checks pass.
loadDotEnv();
// No Slack credentials at all (or `--demo`): the local demo against a simulated Slack.
const mode = startMode(process.env, process.argv.slice(2));
if ('error' in mode) {
  console.error(formatConfigProblems([mode.error]));
  process.exit(EXIT_CONFIG);
}
const loaded = mode.demo ? demoConfig(process.env) : loadConfig(process.env);
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
if (mode.demo) {
  const { runDemo } = await import('./demo/run-demo.js');
  await runDemo(config);
} else {
  // The embedded database opens while the rest of the app loads; serve.ts reports its failure.
  const opening = config.database.url
    ? undefined
    : (await import('./db/embedded.js')).openEmbedded(config.database.dataDir);
  opening?.catch(() => {});
  const { serve } = await import('./serve.js');
  await serve(config, opening);
}
