import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { freePort, run, signal } from '../harness/run-process.js';
import { SignedSender } from '../harness/signed-sender.js';

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
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200,
        '/readyz to answer 200',
        90_000,
      );
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

  it('exits 0 after a graceful shutdown', async () => {
    expect(await startAndServe('source')).toBe(0);
  }, 60_000);
});
