import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitFor } from './poll.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = join(root, 'src/main.ts');
// tsx runs the TypeScript entry point directly, as `npm run dev` does.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

/**
 * A process clock moved for the whole run (CI runs one suite a year ahead with faketime) moves the bot's
 * too: the requests it is sent are signed with the runner's clock.
 */
function movedClock(): Record<string, string> {
  const names = ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]]] : [])));
}

/**
 * Runs the bot with only the given environment: `npm start` (build, then the compiled entry point,
 * as the README says), or `src/main.ts` directly from an empty folder.
 */
export function run(env: Record<string, string>, cwd: string, how: 'npm start' | 'source' = 'source'): Run {
  const [command, args] =
    how === 'npm start' ? ['npm', ['start']] : [process.execPath, ['--import', tsx, main]];
  const child = spawn(command, args, {
    cwd: how === 'npm start' ? root : cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...movedClock(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a signal reaches npm and the bot it started alike, as in a terminal.
    detached: true,
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (d: Buffer) => stdout.push(String(d)));
  child.stderr?.on('data', (d: Buffer) => stderr.push(String(d)));
  // 'close': every process writing to our pipes is done (npm's child included), not only the first.
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

/** The first whole line the run has printed on stdout that `match` accepts. */
export function stdoutLine(r: Run, match: (line: string) => boolean): string | undefined {
  const lines = r.stdout.join('').split('\n');
  // The last piece is a line still being written.
  return lines.slice(0, -1).find(match);
}

/** True once the run's /readyz answers 200; false when the process ended first (its stderr says why). */
export function untilReady(r: Run, port: number, deadlineMs: number): Promise<boolean> {
  const ready = () =>
    fetch(`http://127.0.0.1:${port}/readyz`).then(
      (res) => res.status === 200,
      () => false,
    );
  return Promise.race([waitFor(ready, '/readyz to answer 200', deadlineMs), r.exit.then(() => false)]);
}

export function signal(r: Run, name: NodeJS.Signals): void {
  try {
    if (r.child.pid) process.kill(-r.child.pid, name);
  } catch {
    // Already gone.
  }
}

// Process tests ask for ports alongside `run`; one definition serves them and the bench.
export { freePort } from './free-port.js';
