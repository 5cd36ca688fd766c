import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type RearviewApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { BOT_TOKEN, TestClock } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-db.js';

describe('Socket Mode with a WebSocket that cannot be reached', () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  let rearview: RearviewApp;
  let baseUrl: string;
  const logs: string[] = [];

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    database = await createTestDatabase();
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) logs.push(line);
        done();
      },
    });
    rearview = buildApp(
      {
        config: {
          slack: {
            botToken: BOT_TOKEN,
            signingSecret: undefined,
            appToken: 'xapp-1-test',
            apiUrl: slack.apiUrl,
          },
          database: { url: undefined, dataDir: '' },
          port: 0,
          logLevel: 'debug',
          scheduler: 'on',
        },
        db: database.db,
        logger: createLogger({ level: 'debug', destination }),
        clock: new TestClock(),
      },
      { retryConfig: { retries: 0 }, cron: false },
    );
    baseUrl = `http://127.0.0.1:${await rearview.start(0)}`;
  });
  afterAll(async () => {
    await rearview.stop();
    await database.drop();
    await slack.stop();
  });

  it('is not ready, and says why once, with the cause and the retry delay', async () => {
    const reply = await fetch(`${baseUrl}/readyz`);
    expect(reply.status).toBe(503);
    expect(await reply.json()).toEqual({ status: 'Slack connection down' });
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    const notConnected = await waitFor(
      () => logs.filter((l) => l.includes('Socket Mode is not connected')),
      'the connection failure to be logged',
    );
    expect(notConnected).toHaveLength(1);
    expect(JSON.parse(notConnected[0] ?? '{}')).toMatchObject({ level: 40, retryInMs: 5_000 });
    expect(JSON.parse(notConnected[0] ?? '{}').cause).toContain('127.0.0.1:1');
    // The client's own error lines are kept below warn level.
    expect(logs.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });
});
