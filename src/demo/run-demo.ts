import type { Config } from '../config.js';
import { createLogger, safeError, stdoutDestination } from '../logger.js';
import { asStartupFailure } from '../startup.js';
import { type DemoApp, startDemo } from './start-demo.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** `npm run demo` (or `npm start` with no Slack credentials): the demo until a signal stops it. */
export async function runDemo(config: Config): Promise<void> {
  const out = process.stdout.isTTY ? undefined : stdoutDestination();
  const logger = createLogger({ level: config.logLevel, pretty: out === undefined, destination: out });
  let demo: DemoApp | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    await demo?.stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  try {
    demo = await startDemo(config, { logger });
  } catch (error) {
    const failure = asStartupFailure(error);
    logger.debug({ err: safeError(error) }, 'demo start failed');
    console.error(`Rearview cannot start: ${failure.message}`);
    process.exit(failure.exitCode);
  }
  console.log(
    `Rearview is running in demo mode against a simulated Slack (no Slack credentials set; nothing leaves this machine): open ${demo.url} (data in ${config.database.dataDir})`,
  );
}
