import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { SignedSender } from '../harness/signed-sender.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = join(root, 'src/main.ts');
// tsx runs the TypeScript entry point directly, as `npm run dev` does.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

/** Runs `src/main.ts` as `npm start` would, in an empty folder, with only the given environment. */
function run(env: Record<string, string>, cwd: string): Run {
  const child = spawn(process.execPath, ['--import', tsx, main], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (d: Buffer) => stdout.push(String(d)));
  child.stderr?.on('data', (d: Buffer) => stderr.push(String(d)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('the rearview process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-main-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits with code 2 and names each missing variable, without a stack trace', async () => {
    const r = run({}, dir);
    expect(await r.exit).toBe(2);
    const err = r.stderr.join('');
    expect(err).toContain('SLACK_BOT_TOKEN is missing');
    expect(err).toContain('SLACK_SIGNING_SECRET is missing');
    expect(err).toContain('README.md#configuration');
    expect(err).not.toMatch(/^\s+at /m);
  });

  it('starts on the embedded database, is ready, answers /retro help, and stops cleanly on SIGTERM', async () => {
    const slack = await new FakeSlack().start();
    const port = await freePort();
    const secret = 'process-test-secret';
    const r = run(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'info',
      },
      dir,
    );
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200,
        '/readyz to answer 200',
        30_000,
      );
      const sender = new SignedSender(`http://127.0.0.1:${port}/slack/events`, secret, slack);
      const reply = await sender.command({ userId: 'U1' }, 'help');
      expect(reply.status).toBe(200);
      expect(reply.json?.response_type).toBe('ephemeral');
      expect(reply.json?.text).toContain('/retro start [title]');
      r.child.kill('SIGTERM');
      expect(await r.exit).toBe(0);
      const out = r.stdout.join('');
      expect(out).toContain('embedded database ready');
      expect(out).toContain('Rearview stopped');
      expect(out).not.toContain('xoxb-process-test');
    } finally {
      r.child.kill('SIGKILL');
      await slack.stop();
    }
  });
});
