import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, install } from '../flow/oauth-helpers.js';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { freePort, run, signal, stdoutLine, untilReady } from '../harness/run-process.js';
import { SignedSender } from '../harness/signed-sender.js';
import { TOKEN_KEY } from '../harness/test-app.js';

describe('the rearview process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-main-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with some Slack credentials but not all, exits with code 2 and names each missing variable', async () => {
    for (const [env, missing] of [
      [{ SLACK_SIGNING_SECRET: 'process-test-secret' }, 'SLACK_BOT_TOKEN is missing'],
      [{ SLACK_BOT_TOKEN: 'xoxb-process-test' }, 'SLACK_SIGNING_SECRET is missing'],
    ] as const) {
      const r = run({ ...env }, dir);
      expect(await r.exit).toBe(2);
      const err = r.stderr.join('');
      expect(err).toContain(missing);
      expect(err).toContain('README.md#configuration');
      expect(err).not.toMatch(/^\s+at /m);
      expect(r.stdout.join('')).not.toContain('demo mode');
    }
  });

  it('with no Slack credentials at all, starts the demo, says so in one line with its address, and stops on SIGTERM', async () => {
    const port = await freePort();
    const r = run({ PORT: String(port), DATA_DIR: join(dir, 'data-demo'), DATABASE_URL: '' }, dir);
    try {
      const line = await waitFor(
        () => stdoutLine(r, (l) => l.includes('demo mode')),
        'the demo to start',
        90_000,
      );
      expect(line).toContain(`http://localhost:${port}/demo`);
      const page = await fetch(`http://127.0.0.1:${port}/demo`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('nothing leaves this machine');
      const state = await fetch(`http://127.0.0.1:${port}/demo/api/state?as=U0LENA`);
      expect(((await state.json()) as { acting: { tz: string } }).acting.tz).toBe('Europe/Berlin');
      signal(r, 'SIGTERM');
      expect(await r.exit).toBe(0);
    } finally {
      signal(r, 'SIGKILL');
    }
  }, 120_000);

  async function startAndServe(how: 'npm start' | 'source') {
    const slack = await new FakeSlack().start();
    const port = await freePort();
    const secret = 'process-test-secret';
    const r = run(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DATA_DIR: join(dir, `data-${how.replace(' ', '-')}`),
        LOG_LEVEL: 'info',
        // Empty counts as unset, and keeps a developer's .env from pointing the test at their database.
        DATABASE_URL: '',
        SLACK_APP_TOKEN: '',
      },
      dir,
      how,
    );
    try {
      expect(await untilReady(r, port, 90_000), r.stderr.join('')).toBe(true);
      const sender = new SignedSender(`http://127.0.0.1:${port}/slack/events`, secret, slack);
      const reply = await sender.command({ userId: 'U1' }, 'help');
      expect(reply.status).toBe(200);
      expect(reply.json?.response_type).toBe('ephemeral');
      expect(reply.json?.text).toContain('/retro start [title]');
      signal(r, 'SIGTERM');
      const code = await r.exit;
      const out = r.stdout.join('');
      expect(out).toContain('embedded database ready');
      expect(out).toContain('Rearview stopped');
      expect(out).not.toContain('xoxb-process-test');
      return code;
    } finally {
      signal(r, 'SIGKILL');
      await slack.stop();
    }
  }

  it('`npm start` builds, starts on the embedded database, is ready, answers /retro help, and shuts down on SIGTERM', async () => {
    await startAndServe('npm start');
  }, 120_000);

  it('`npm start` in Socket Mode loads the Socket Mode client, which the bundle loads only when used, and tries the socket Slack handed out', async () => {
    const slack = await new FakeSlack().start();
    const port = await freePort();
    const r = run(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_APP_TOKEN: 'xapp-1-process-test',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DATA_DIR: join(dir, 'data-socket-mode'),
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
      },
      dir,
      'npm start',
    );
    try {
      const line = await waitFor(
        () => stdoutLine(r, (l) => l.includes('Socket Mode is not connected')),
        'the Socket Mode client to try the socket',
        90_000,
      );
      // The fake Slack hands out a socket nobody listens on: the client was loaded and tried it.
      expect(JSON.parse(line).cause).toContain('127.0.0.1:1');
      signal(r, 'SIGTERM');
      await r.exit;
      expect(r.stdout.join('')).toContain('Rearview stopped');
      expect(r.stderr.join('')).not.toMatch(/Cannot find|ERR_MODULE/);
    } finally {
      signal(r, 'SIGKILL');
      await slack.stop();
    }
  }, 120_000);

  it('`npm start` installed by OAuth, with no bot token to check, becomes ready, installs a workspace and answers it', async () => {
    const slack = await new FakeSlack().start();
    const port = await freePort();
    const r = run(
      {
        SLACK_CLIENT_ID: '1111.2222',
        SLACK_CLIENT_SECRET: 'process-test-client-secret',
        SLACK_STATE_SECRET: 'process-test-state-secret-0123456789',
        TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
        SLACK_SIGNING_SECRET: 'process-test-secret',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DATA_DIR: join(dir, 'data-oauth'),
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
      },
      dir,
      'npm start',
    );
    try {
      expect(await untilReady(r, port, 50_000), r.stderr.join('')).toBe(true);
      const baseUrl = `http://127.0.0.1:${port}`;
      const installed = await install({ baseUrl, slack }, ACME);
      expect(installed.status).toBe(200);
      // A request from the workspace just installed is answered with its own token at hand.
      const acme = Object.create(slack, { teamId: { value: ACME.teamId } }) as FakeSlack;
      const sender = new SignedSender(`${baseUrl}/slack/events`, 'process-test-secret', acme);
      const reply = await sender.command({ userId: 'U1' }, 'help');
      expect(reply.json?.text).toContain('/retro start [title]');
      signal(r, 'SIGTERM');
      await r.exit;
      expect(r.stdout.join('')).toContain('Rearview stopped');
      expect(r.stdout.join('')).not.toContain(ACME.token);
    } finally {
      signal(r, 'SIGKILL');
      await slack.stop();
    }
  }, 60_000);

  it('exits 0 after a graceful shutdown', async () => {
    expect(await startAndServe('source')).toBe(0);
  }, 60_000);
});
