import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_SAVED_IN_MODAL } from '../../src/slack/answer-in-time.js';
import { FakeSlack } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { freePort, type Run, run, signal } from '../harness/run-process.js';
import { SignedSender as Sender, type SignedSender, type SlackReply } from '../harness/signed-sender.js';
import { type OpenedView, stateOf, viewOf } from '../harness/slack-user.js';
import { TcpProxy } from '../harness/tcp-proxy.js';
import { adminQuery, sharedExtensions } from '../harness/test-db.js';

// Real PostgreSQL only (PGlite runs inside the process, so it cannot go away underneath it):
// vitest.config.ts leaves this file out when TEST_DATABASE_URL is unset.
const adminUrl = process.env.TEST_DATABASE_URL ?? '';

const admin = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  adminQuery<T>(adminUrl, text, values);

/** The app as a real process on its own schema, reaching PostgreSQL through a proxy we can break. */
describe('the database comes and goes under a running process', () => {
  const schema = `rv_outage_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const appName = `rearview-${schema}`;
  let dir: string;
  let slack: FakeSlack;
  let proxy: TcpProxy;
  let app: Run;
  let sender: SignedSender;
  let baseUrl: string;
  let channels = 0;

  const readyz = async () => (await fetch(`${baseUrl}/readyz`)).status;
  const stored = async (title: string) =>
    Number(
      (await admin<{ n: string }>(`select count(*) as n from ${schema}.retros where title = $1`, [title]))[0]
        ?.n,
    );
  const terminateBackends = () =>
    admin('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [appName]);

  /** Opens the setup modal of a retro in a channel of its own (one open retro per channel). */
  async function setupModal(): Promise<{ title: string; channelId: string; view: OpenedView }> {
    channels += 1;
    const channelId = `C0LOAD${channels}`;
    const title = `Load ${channels}`;
    const before = slack.calls.length;
    const reply = await sender.command({ userId: 'UFAC', channelId }, `start ${title}`);
    expect(reply.status).toBe(200);
    return { title, channelId, view: viewOf(await slack.waitForCall('views.open', () => true, before)) };
  }
  const submit = (modal: Awaited<ReturnType<typeof setupModal>>): Promise<SlackReply> =>
    sender.viewSubmission(
      { userId: 'UFAC', channelId: modal.channelId },
      { ...modal.view, state: { values: stateOf(modal.view, {}) } },
    );

  /** Acknowledged: stored exactly once. Not acknowledged: an inline error, the modal kept open. */
  async function expectEachAnswered(modals: Awaited<ReturnType<typeof setupModal>>[], replies: SlackReply[]) {
    for (const [i, reply] of replies.entries()) {
      expect(reply.status).toBe(200);
      const count = await stored(modals[i]?.title ?? '');
      if (reply.json?.response_action === 'errors') {
        expect(Object.values(reply.json.errors)).toEqual([NOT_SAVED_IN_MODAL]);
      } else {
        expect(reply.json?.response_action).toBeUndefined();
        expect(count).toBe(1);
      }
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-outage-'));
    // As on a real server, the database's extensions are in `public`, which the app's search path ends with.
    await sharedExtensions(adminUrl);
    await admin(`create schema ${schema}`);
    const target = new URL(adminUrl);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    const url = new URL(adminUrl);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    url.searchParams.set('application_name', appName);
    slack = await new FakeSlack().start();
    const port = await freePort();
    const secret = 'outage-test-secret';
    app = run(
      {
        SLACK_BOT_TOKEN: 'xoxb-outage-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_APP_TOKEN: '',
        DATABASE_URL: url.toString(),
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      dir,
    );
    baseUrl = `http://127.0.0.1:${port}`;
    sender = new Sender(`${baseUrl}/slack/events`, secret, slack);
    await waitFor(async () => (await readyz().catch(() => 0)) === 200, '/readyz to answer 200', 90_000);
  }, 120_000);

  afterAll(async () => {
    signal(app, 'SIGTERM');
    await app.exit;
    await proxy.stop();
    await slack.stop();
    await admin(`drop schema if exists ${schema} cascade`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a restart under load: the app stays up, /readyz goes 503 and back to 200 by itself', async () => {
    const modals = [];
    for (let i = 0; i < 12; i++) modals.push(await setupModal());
    const [during, whileDown, after] = [modals.slice(0, 4), modals.slice(4, 8), modals.slice(8)];

    // The server kills our connections in the middle of a burst of submissions.
    const [duringReplies] = await Promise.all([Promise.all(during.map(submit)), terminateBackends()]);
    // Then it is down for a while, as during a restart.
    proxy.mode = 'refuse';
    proxy.dropAll();
    await terminateBackends();
    await waitFor(async () => (await readyz()) === 503, '/readyz to say 503 while the database is down');
    const downReplies = await Promise.all(whileDown.map(submit));
    // Back up: nobody restarts the app.
    proxy.mode = 'forward';
    await waitFor(async () => (await readyz()) === 200, '/readyz to say 200 again', 30_000);
    const afterReplies = await Promise.all(after.map(submit));

    expect(app.child.exitCode).toBeNull();
    await expectEachAnswered(during, duringReplies);
    await expectEachAnswered(whileDown, downReplies);
    expect(downReplies.map((r) => r.json?.response_action)).toEqual(['errors', 'errors', 'errors', 'errors']);
    await expectEachAnswered(after, afterReplies);
    expect(afterReplies.map((r) => r.json?.response_action)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  }, 120_000);

  it('a stalled database: inline errors and /readyz 503 while packets vanish, then back by itself', async () => {
    const [stalled, later] = [await setupModal(), await setupModal()];
    proxy.mode = 'stall';
    // Each is an answer from the app's own limits (not Slack's 3 s or a hung request).
    expect(await readyz()).toBe(503);
    const reply = await submit(stalled);
    expect(reply.status).toBe(200);
    expect(Object.values(reply.json?.errors ?? {})).toEqual([NOT_SAVED_IN_MODAL]);

    proxy.mode = 'forward';
    await waitFor(async () => (await readyz()) === 200, '/readyz to say 200 again', 30_000);
    await expectEachAnswered([later], [await submit(later)]);
    expect(app.child.exitCode).toBeNull();
  }, 120_000);
});
