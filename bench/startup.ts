import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/harness/free-port.js';
import { waitFor } from '../test/harness/poll.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/harness/test-app.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/src/main.js');

/** Builds when the compiled entry point is missing or older than the sources, so the build is never timed. */
export function ensureBuilt(): 'built' | 'up to date' {
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const newest = Math.max(...['src', 'migrations'].map((dir) => newestFile(join(root, dir))));
  if (builtAt >= newest) return 'up to date';
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  return 'built';
}

/**
 * Seconds from spawning `node dist/src/main.js` (fresh embedded database, so migrations included)
 * until /readyz answers 200, once per run.
 */
export async function startupSeconds(slackApiUrl: string, runs: number): Promise<number[]> {
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) seconds.push(await startOnce(slackApiUrl));
  return seconds;
}

async function startOnce(slackApiUrl: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rearview-bench-'));
  const port = await freePort();
  const start = performance.now();
  // Started from the empty folder, so no .env of the checkout applies.
  const child = spawn(process.execPath, [entry], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      DATA_DIR: join(dataDir, 'data'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (res) => res.status === 200,
          () => false,
        ),
      'the app to be ready',
      60_000,
    );
    return (performance.now() - start) / 1000;
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function newestFile(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => statSync(join(f.parentPath, f.name)).mtimeMs),
  );
}
