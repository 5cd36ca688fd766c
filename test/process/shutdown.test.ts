import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { freePort, run, signal } from '../harness/run-process.js';
import { SignedSender } from '../harness/signed-sender.js';

/** Whoever reads our stdout may stop reading or go away; neither may keep the process from stopping. */
describe('SIGTERM whatever stdout does', () => {
  let dir: string;
  let slack: FakeSlack;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-shutdown-'));
    slack = await new FakeSlack().start();
  });
  afterAll(async () => {
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['stops reading', 'goes away'] as const)(
    'exits cleanly when the reader of stdout %s',
    async (reader) => {
      const port = await freePort();
      const secret = 'shutdown-test-secret';
      const r = run(
        {
          SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: slack.apiUrl,
          SLACK_APP_TOKEN: '',
          DATABASE_URL: '',
          DATA_DIR: join(dir, reader.replace(' ', '-')),
          PORT: String(port),
          LOG_LEVEL: 'info',
        },
        dir,
      );
      try {
        await waitFor(
          async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200,
          '/readyz to answer 200',
          90_000,
        );
        if (reader === 'stops reading') r.child.stdout?.pause();
        else r.child.stdout?.destroy();
        // Every refused request logs a line: far more than a pipe holds (64 KiB).
        const sender = new SignedSender(`http://127.0.0.1:${port}/slack/events`, secret, slack);
        const future = Math.floor(Date.now() / 1000) + 3_600;
        for (let burst = 0; burst < 20; burst++) {
          const replies = await Promise.all(
            Array.from({ length: 40 }, () => sender.command({ userId: 'U1' }, 'help', { timestamp: future })),
          );
          expect(replies.every((reply) => reply.status === 401)).toBe(true);
        }
        // Still answering: no log call is stuck on the pipe.
        expect((await sender.command({ userId: 'U1' }, 'help')).status).toBe(200);
        signal(r, 'SIGTERM');
        expect(await r.exit).toBe(0);
      } finally {
        signal(r, 'SIGKILL');
      }
    },
    120_000,
  );
});
