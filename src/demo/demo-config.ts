import { randomBytes } from 'node:crypto';
import { type ConfigResult, loadConfig } from '../config.js';

/** Any of these set means a real Slack app is meant; none means the demo. */
const CREDENTIALS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_ID',
] as const;
export const DEMO_FLAG = '--demo';
export const DEMO_DATA_DIR = './data-demo';

export type StartMode = { demo: false } | { demo: true } | { demo: true; error: string };

/**
 * The demo runs when asked for (`--demo`, what `npm run demo` passes) or when no Slack credential is set at
 * all; some credentials but not all still fail as a misconfigured real start. Asked for with credentials
 * set, it refuses: a real app's secrets never serve the simulated workspace.
 */
export function startMode(env: NodeJS.ProcessEnv, args: readonly string[]): StartMode {
  const set = CREDENTIALS.filter((name) => env[name]);
  if (args.includes(DEMO_FLAG)) {
    return set.length
      ? {
          demo: true,
          error: `the demo runs against a simulated Slack, but ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (in the environment or .env): unset ${set.length === 1 ? 'it' : 'them'} for the demo, or use npm start for the real app`,
        }
      : { demo: true };
  }
  return set.length ? { demo: false } : { demo: true };
}

/**
 * The demo's configuration: the environment's port, log level and data folder (`./data-demo` unless
 * DATA_DIR is set), a bot token and signing secret made up for this process, and always the embedded
 * database (DATABASE_URL is ignored: a demo never writes into a real database). SLACK_API_URL is set
 * once the simulated Slack listens.
 */
export function demoConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const kept = Object.fromEntries(
    Object.entries(env).filter(
      ([name]) => !name.startsWith('SLACK_') && name !== 'DATABASE_URL' && name !== 'METADATA_SECRET',
    ),
  );
  return loadConfig({
    ...kept,
    DATA_DIR: env.DATA_DIR || DEMO_DATA_DIR,
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
    SLACK_BOT_TOKEN: `xoxb-demo-${randomBytes(12).toString('hex')}`,
    SLACK_SIGNING_SECRET: randomBytes(24).toString('hex'),
  });
}
