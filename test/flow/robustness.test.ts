import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_SECONDS } from '../../src/server/http-server.js';
import { NOT_SAVED_IN_MODAL } from '../../src/slack/answer-in-time.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/**
 * Holds the database so that the next request's queries wait: PGlite runs one statement at a time
 * behind an open transaction; on PostgreSQL a lock on `retros` does it, and the statement timeout
 * ends the wait. Returns the release.
 */
async function stallRetros(t: TestApp): Promise<() => Promise<void>> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holder = t.database.db.transaction().execute(async (trx) => {
    if (t.database.engine === 'postgres') await sql`lock table retros in access exclusive mode`.execute(trx);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holder;
  };
}

describe('what production throws at it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('refuses a request signed with a timestamp from the future, and takes a small clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await t.sender.command({ userId: 'U1' }, 'help', { timestamp: now + 10 * 60 });
    expect(future.status).toBe(401);
    const skewed = await t.sender.command({ userId: 'U1' }, 'help', {
      timestamp: now + MAX_CLOCK_SKEW_SECONDS - 60,
    });
    expect(skewed.status).toBe(200);
    expect(skewed.json?.text).toContain('/retro start');
  });

  it('answers a body larger than Slack ever sends with 413, and goes on serving', async () => {
    const huge = `payload=${'x'.repeat(5 * 1024 * 1024)}`;
    const reply = await t.sender.raw(huge, 'application/x-www-form-urlencoded');
    expect(reply.status).toBe(413);
    const help = await t.sender.command({ userId: 'U1' }, 'help');
    expect(help.status).toBe(200);
    expect(help.json?.text).toContain('/retro start');
  });

  it("handles Slack's retry of an event whose first handling failed, and a handled event only once", async () => {
    t.slack.fail('views.publish', { kind: 'error', error: 'internal_error' });
    const event = { type: 'app_home_opened', user: 'URETRY', channel: 'DURETRY', tab: 'home' };
    const ofUser = () => t.slack.callsOf('views.publish').filter((c) => c.body.user_id === 'URETRY');
    expect((await t.sender.event(event, 'EvRetry1')).status).toBe(200);
    await waitFor(() => t.logs.some((l) => l.includes('listener failed')), 'the failed handling');

    const retry = await t.sender.raw(
      JSON.stringify({
        type: 'event_callback',
        team_id: t.slack.teamId,
        api_app_id: 'A0REARVIEW',
        event_id: 'EvRetry1',
        event_time: Math.floor(Date.now() / 1000),
        event: { ...event, event_ts: `${Date.now() / 1000}` },
        authorizations: [{ team_id: t.slack.teamId, user_id: t.slack.botUserId, is_bot: true }],
      }),
      'application/json',
      { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } },
    );
    expect(retry.status).toBe(200);
    await waitFor(
      () =>
        t.database.db.selectFrom('processed_events').where('event_id', '=', 'EvRetry1').executeTakeFirst(),
      'the retried event to be marked processed',
    );
    expect(ofUser().map((c) => c.result?.ok === true)).toEqual([false, true]);
  });

  it('handles concurrent copies of one event once', async () => {
    const event = { type: 'app_home_opened', user: 'UCOPIES', channel: 'DUCOPIES', tab: 'home' };
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => t.sender.event(event, 'EvCopies')));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitFor(
      () =>
        t.database.db.selectFrom('processed_events').where('event_id', '=', 'EvCopies').executeTakeFirst(),
      'the event to be marked processed',
    );
    expect(t.slack.callsOf('views.publish').filter((c) => c.body.user_id === 'UCOPIES')).toHaveLength(1);
  });

  it('keeps the modal open with its text and an inline error when storing fails before the acknowledgement', async () => {
    const user = t.user('UFAIL', 'C0FAIL');
    const before = t.slack.calls.length;
    await user.command('start Spring launch');
    const view = await user.waitForView(before);
    await sql`alter table retros rename to retros_away`.execute(t.database.db);
    try {
      const reply = await user.submit(view);
      const firstInput = view.blocks.find((b) => b.type === 'input')?.block_id as string;
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ response_action: 'errors', errors: { [firstInput]: NOT_SAVED_IN_MODAL } });
    } finally {
      await sql`alter table retros_away rename to retros`.execute(t.database.db);
    }
  });

  it('answers a submission whose database does not answer with an inline error, before Slack gives up', async () => {
    const user = t.user('USTALL', 'C0STALL');
    const before = t.slack.calls.length;
    await user.command('start Stalled launch');
    const view = await user.waitForView(before);
    const release = await stallRetros(t);
    let reply: Awaited<ReturnType<typeof user.submit>>;
    try {
      reply = await user.submit(view);
    } finally {
      await release();
    }
    // Any answer at all came before Bolt's own 3 s limit, which would have answered with a bare 404.
    expect(reply.status).toBe(200);
    expect(Object.values(reply.json?.errors ?? {})).toEqual([NOT_SAVED_IN_MODAL]);
    // The listener's own acknowledgement, once it gets through, changes nothing and breaks nothing.
    const ok = await t.user('U1', 'C0ELSE').command('status');
    expect(ok.status).toBe(200);
    expect(t.logs.filter((l) => l.includes('ReceiverMultipleAckError'))).toEqual([]);
  });

  it('while stopping: not ready, new requests get 503, and work after an acknowledgement finishes', async () => {
    const s = await startTestApp();
    try {
      const release = s.slack.hold('views.open');
      const before = s.slack.calls.length;
      const started = await s.user('UDRAIN').command('start Draining');
      expect(started.status).toBe(200);
      await s.slack.waitForCall('views.open', () => true, before);
      const stopped = s.rearview.stop();
      await waitFor(async () => (await fetch(`${s.baseUrl}/readyz`)).status === 503, '/readyz to say 503');
      const refused = await s.user('UDRAIN').command('help');
      expect(refused.status).toBe(503);
      release();
      await stopped;
      // views.open was answered and the listener went on to its end: nothing was cut off.
      expect(s.slack.lastCall('views.open')?.result?.ok).toBe(true);
      expect(s.logs.filter((l) => l.includes('work unfinished') || l.includes('listener failed'))).toEqual(
        [],
      );
    } finally {
      await s.close();
    }
  });
});
