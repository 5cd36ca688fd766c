import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { freePort, type Run, run, signal } from '../harness/run-process.js';
import { SignedSender as Sender, type SignedSender, type SlackReply } from '../harness/signed-sender.js';
import { type OpenedView, stateOf, viewOf } from '../harness/slack-user.js';
import { adminQuery, sharedExtensions } from '../harness/test-db.js';

// Real PostgreSQL only: the database must outlive the process that is killed. vitest.config.ts leaves
// this file out when TEST_DATABASE_URL is unset.
const adminUrl = process.env.TEST_DATABASE_URL ?? '';

const admin = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  adminQuery<T>(adminUrl, text, values);

describe('a process killed in the middle of a burst of submissions', () => {
  const schema = `rv_kill_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const channelId = 'C0KILL';
  let dir: string;
  let slack: FakeSlack;
  let app: Run;
  let sender: SignedSender;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-kill-'));
    // As on a real server, the database's extensions are in `public`, which the app's search path ends with.
    await sharedExtensions(adminUrl);
    await admin(`create schema ${schema}`);
    const url = new URL(adminUrl);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    slack = await new FakeSlack().start();
    const port = await freePort();
    const secret = 'kill-test-secret';
    app = run(
      {
        SLACK_BOT_TOKEN: 'xoxb-kill-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      dir,
    );
    baseUrl = `http://127.0.0.1:${port}`;
    sender = new Sender(`${baseUrl}/slack/events`, secret, slack);
    await waitFor(
      async () => (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.status === 200,
      '/readyz to answer 200',
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    signal(app, 'SIGKILL');
    await app.exit;
    await slack.stop();
    await admin(`drop schema if exists ${schema} cascade`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged submission', async () => {
    const facilitator = { userId: 'UFAC', channelId };
    let before = slack.calls.length;
    await sender.command(facilitator, 'start Kill test');
    const setup = viewOf(await slack.waitForCall('views.open', () => true, before));
    await sender.viewSubmission(facilitator, { ...setup, state: { values: stateOf(setup, {}) } });
    const card = await slack.waitForCall('chat.postMessage', (c) => c.body.channel === channelId, before);
    const [retro] = await admin<{ id: string }>(`select id from ${schema}.retros`);
    expect(retro).toBeDefined();

    const people = Array.from({ length: 40 }, (_, i) => ({ userId: `UKILL${i}`, channelId }));
    const views: OpenedView[] = [];
    for (const person of people) {
      before = slack.calls.length;
      await sender.blockAction(
        person,
        { actionId: ACTIONS.addFeedback, value: retro?.id ?? '' },
        { messageTs: card.result?.ts as string },
      );
      views.push(viewOf(await slack.waitForCall('views.open', () => true, before)));
    }

    // The burst goes out; the process is killed once the first answers are back.
    const replies: Array<SlackReply | undefined> = people.map(() => undefined);
    const burst = Promise.all(
      people.map(async (person, i) => {
        const view = views[i] as OpenedView;
        const values = stateOf(view, { section_start: `Item of ${person.userId}`, anonymous: i % 2 === 0 });
        replies[i] = await sender
          .viewSubmission(person, { ...view, state: { values } })
          .catch(() => undefined);
      }),
    );
    await waitFor(() => replies.filter(Boolean).length >= 5, 'the first answers');
    signal(app, 'SIGKILL');
    await burst;
    await app.exit;

    const stored = new Set(
      (await admin<{ body: string }>(`select body from ${schema}.feedback_items`)).map((r) => r.body),
    );
    const acknowledged = people.filter((_, i) => {
      const reply = replies[i];
      // Stored feedback turns the modal into its receipt.
      return reply?.status === 200 && reply.json?.view?.title?.text === 'Feedback saved';
    });
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const person of acknowledged) expect(stored.has(`Item of ${person.userId}`)).toBe(true);
    // Nothing stored twice either.
    const bodies = await admin<{ n: string }>(
      `select count(*) as n from ${schema}.feedback_items group by body having count(*) > 1`,
    );
    expect(bodies).toEqual([]);
  }, 120_000);
});
