import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../test/harness/fake-slack.js';
import { freePort } from '../test/harness/free-port.js';
import { waitFor } from '../test/harness/poll.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/harness/test-app.js';
import { untilMachineIdle } from './quiet.js';
import { median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const barePglite = join(root, 'bench/bare-pglite.mjs');
/** How long a started process is left alone before its resident memory is read. */
const IDLE_MS = 3_000;
/** How long each run waits at most for the machine to go quiet before its first start. */
const QUIET_WAIT_MS = 30_000;

/** Builds as `npm start` does, when a source changed since the last build, so the build is never timed. */
export function ensureBuilt(): 'built' | 'up to date' {
  const stamp = join(root, 'dist/.build-stamp');
  const before = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  return statSync(stamp).mtimeMs === before ? 'up to date' : 'built';
}

/** One figure of Rearview's embedded start beside the same figure of a bare PGlite, in one run. */
interface Pair {
  app: number;
  bare: number;
}

export interface StartupFigures {
  /** Seconds from spawning to ready on an empty folder (Rearview: /readyz 200, migrations included). */
  fresh: Pair[];
  /** Seconds from spawning to ready on the folder the fresh start left. */
  restart: Pair[];
  /** Megabytes resident after the restart, idle, holding the same data. */
  rssMb: Pair[];
  /** Runs that began although the machine had not gone quiet within `QUIET_WAIT_MS`. */
  busyAtStart: number;
}

/**
 * Each run: Rearview (as `npm start` runs it, after the build check) and the bare PGlite of
 * bare-pglite.mjs each start on an empty folder; then Rearview restarts on its folder, idles and has
 * its memory read, and the bare PGlite reopens that same folder, idles and has its memory read.
 */
export async function startupFigures(slackApiUrl: string, runs: number): Promise<StartupFigures> {
  const figures: StartupFigures = { fresh: [], restart: [], rssMb: [], busyAtStart: 0 };
  for (let r = 0; r < runs; r++) {
    if (!(await untilMachineIdle(0.1, QUIET_WAIT_MS))) figures.busyAtStart += 1;
    const work = mkdtempSync(join(tmpdir(), 'rearview-bench-'));
    try {
      const appDir = join(work, 'app');
      const app = await startApp(slackApiUrl, work, appDir);
      await app.stop();
      const bare = await startBare(join(work, 'bare'));
      await bare.stop();
      const appAgain = await startApp(slackApiUrl, work, appDir);
      const appRss = await idleRssMb(appAgain.child);
      await appAgain.stop();
      const bareAgain = await startBare(appDir);
      const bareRss = await idleRssMb(bareAgain.child);
      await bareAgain.stop();
      figures.fresh.push({ app: app.seconds, bare: bare.seconds });
      figures.restart.push({ app: appAgain.seconds, bare: bareAgain.seconds });
      figures.rssMb.push({ app: appRss, bare: bareRss });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return figures;
}

/** The lines `npm run bench` prints: each figure's median beside the bare PGlite's, and their ratio. */
export function formatStartup(figures: StartupFigures, build: string): string[] {
  const line = (label: string, pairs: Pair[], unit: string, digits: number) => {
    const app = median(pairs.map((p) => p.app));
    const bare = median(pairs.map((p) => p.bare));
    const each = pairs.map((p) => `${p.app.toFixed(digits)}/${p.bare.toFixed(digits)}`).join(', ');
    return `  ${label}: Rearview ${app.toFixed(digits)} ${unit}, bare PGlite ${bare.toFixed(digits)} ${unit} (${(app / bare).toFixed(2)}×; each run ${each})`;
  };
  return [
    `Embedded start (node ${startArgs().join(' ')} against bench/bare-pglite.mjs, build ${build} beforehand, each run on a machine gone quiet, n=${figures.fresh.length}, medians):`,
    line('fresh folder to ready', figures.fresh, 's', 2),
    line('restart to ready', figures.restart, 's', 2),
    line(`idle RSS after ${IDLE_MS / 1000} s`, figures.rssMb, 'MB', 0),
    ...(figures.busyAtStart > 0
      ? [
          `  (${figures.busyAtStart} of ${figures.fresh.length} runs began on a machine still busy after ${QUIET_WAIT_MS / 1000} s of waiting)`,
        ]
      : []),
  ];
}

interface Started {
  child: ChildProcess;
  seconds: number;
  stop: () => Promise<void>;
}

/** The Node flags and entry point of `npm start` (package.json), so the start measured is the one people run. */
function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const command = pkg.scripts.start.split('&&').at(-1) ?? '';
  return command.trim().split(/\s+/).slice(1);
}

async function startApp(slackApiUrl: string, cwd: string, dataDir: string): Promise<Started> {
  const port = await freePort();
  const start = performance.now();
  // Started from an empty folder, so no .env of the checkout applies, with the flags and entry point of
  // `npm start` (the entry point named from the checkout).
  const args = startArgs().map((word) => (word.endsWith('.js') ? join(root, word) : word));
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const stop = stopper(child);
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
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, seconds: (performance.now() - start) / 1000, stop };
}

async function startBare(dataDir: string): Promise<Started> {
  const start = performance.now();
  const child = spawn(process.execPath, [barePglite, dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = stopper(child);
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(true));
    child.once('exit', () => resolve(false));
  });
  if (!ready) throw new Error('the bare PGlite ended before it was ready');
  return { child, seconds: (performance.now() - start) / 1000, stop };
}

function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return async () => {
    child.kill('SIGTERM');
    await exited;
  };
}

async function idleRssMb(child: ChildProcess): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error('no VmRSS for the started process');
  return kb / 1024;
}

// `tsx bench/startup.ts`: these figures alone, against a fake Slack of their own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const slack = await new FakeSlack().start();
  try {
    const build = ensureBuilt();
    const runs = Math.max(1, Math.round(2 * Number(process.env.BENCH_SCALE ?? 1)));
    for (const line of formatStartup(await startupFigures(slack.apiUrl, runs), build)) console.log(line);
  } finally {
    await slack.stop();
  }
}
