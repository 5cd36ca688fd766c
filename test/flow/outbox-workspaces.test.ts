import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelPost, directMessage } from '../../src/outbox/outbox-message.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { ACME, GLOBEX, install } from './oauth-helpers.js';

/**
 * The outbox across workspaces and channels: one workspace told to wait by Slack does not hold up
 * another, each channel keeps its order while channels are sent side by side, a person's DM
 * channel is opened once and opened again only when Slack says it is gone, and a workspace's token is
 * looked up once a minute and again when Slack refuses it.
 */

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const posted = (app: TestApp, token: string) =>
  app.slack
    .callsOf('chat.postMessage')
    .filter((c) => c.token === token && c.result?.ok)
    .map((c) => String(c.body.text));

describe('the outbox across workspaces', () => {
  it('keeps sending one workspace’s messages while another waits out a 429', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    for (const workspace of [ACME, GLOBEX]) expect((await install(app, workspace)).status).toBe(200);
    // Acme's workspace is over its chat.postMessage budget: Slack says come back in two minutes.
    app.slack.limitWorkspace(ACME.teamId, 'chat.postMessage', 120);
    app.slack.useClock(() => app.clock.now());
    const limitedAt = app.clock.now().getTime();
    const outbox = app.rearview.features.outbox;
    await outbox.enqueue(app.database.db, [
      ...[1, 2, 3].map((n) => channelPost(ACME.teamId, 'C0ACME', { text: `acme ${n}` })),
      ...[1, 2, 3].map((n) => channelPost(GLOBEX.teamId, 'C0GLOBEX', { text: `globex ${n}` })),
    ]);
    await outbox.flush();
    // Globex's messages went out at once, on the same clock; Acme's wait for their Retry-After.
    expect(posted(app, GLOBEX.token)).toEqual(['globex 1', 'globex 2', 'globex 3']);
    expect(posted(app, ACME.token)).toEqual([]);
    const waiting = await app.database.db
      .selectFrom('outbox')
      .select(['team_id', 'run_at'])
      .where('sent_at', 'is', null)
      .execute();
    expect(new Set(waiting.map((w) => w.team_id))).toEqual(new Set([ACME.teamId]));

    app.clock.advance(121_000);
    await outbox.flush();
    expect(posted(app, ACME.token)).toEqual(['acme 1', 'acme 2', 'acme 3']);
    expect(posted(app, GLOBEX.token)).toEqual(['globex 1', 'globex 2', 'globex 3']);
    // By the clock: every one of Globex's before Acme's Retry-After, every one of Acme's after it.
    const times = (token: string) =>
      app.slack
        .callsOf('chat.postMessage')
        .filter((c) => c.token === token && c.result?.ok)
        .map((c) => c.at.getTime());
    for (const at of times(GLOBEX.token)) expect(at).toBeLessThan(limitedAt + 120_000);
    for (const at of times(ACME.token)) expect(at).toBeGreaterThanOrEqual(limitedAt + 120_000);
  });

  it('keeps sending one workspace’s messages while another’s calls hang', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    for (const workspace of [ACME, GLOBEX]) expect((await install(app, workspace)).status).toBe(200);
    const release = app.slack.holdWorkspace(ACME.teamId);
    const outbox = app.rearview.features.outbox;
    await outbox.enqueue(app.database.db, [
      channelPost(ACME.teamId, 'C0ACME', { text: 'acme 1' }),
      // One channel: each of Globex's messages needs the one before it sent, so a claim of its own.
      ...[1, 2, 3].map((n) => channelPost(GLOBEX.teamId, 'C0GLOBEX', { text: `globex ${n}` })),
    ]);
    const flushing = outbox.flush();
    await waitFor(() => posted(app, GLOBEX.token).length === 3, 'Globex’s messages while Acme hangs');
    expect(posted(app, GLOBEX.token)).toEqual(['globex 1', 'globex 2', 'globex 3']);
    expect(posted(app, ACME.token)).toEqual([]);
    release();
    await flushing;
    expect(posted(app, ACME.token)).toEqual(['acme 1']);
  });

  it('takes workspaces in turn, so one with many due messages does not go first with all of them', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    for (const workspace of [ACME, GLOBEX]) expect((await install(app, workspace)).status).toBe(200);
    const outbox = app.rearview.features.outbox;
    // Acme's twenty nudges are queued first; Globex's two after them.
    await outbox.enqueue(app.database.db, [
      ...Array.from({ length: 20 }, (_, n) => directMessage(ACME.teamId, `U0ACME${n}`, { text: 'nudge' })),
      ...[1, 2].map((n) => directMessage(GLOBEX.teamId, `U0GLOBEX${n}`, { text: 'nudge' })),
    ]);
    await outbox.flush();
    const order = app.slack
      .callsOf('chat.postMessage')
      .filter((c) => c.result?.ok)
      .map((c) => app.slack.teamOf(c.token));
    expect(order).toHaveLength(22);
    // Acme has a few calls in flight at a time; Globex's go out among the first, not after Acme's twenty.
    expect(order.lastIndexOf(GLOBEX.teamId)).toBeLessThan(12);
  });

  it('waits out a workspace’s Retry-After for that method on every channel, without calling Slack meanwhile', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    for (const workspace of [ACME, GLOBEX]) expect((await install(app, workspace)).status).toBe(200);
    app.slack.refuse(
      'chat.postMessage',
      (_, call) => call.token === ACME.token,
      {
        kind: 'rate_limited',
        retryAfter: 120,
      },
      1,
    );
    const outbox = app.rearview.features.outbox;
    // Acme's first message is told to wait; its messages to two other channels wait with it.
    await outbox.enqueue(app.database.db, channelPost(ACME.teamId, 'C0ACME1', { text: 'acme first' }));
    await outbox.flush();
    const calls = () => app.slack.callsOf('chat.postMessage').filter((c) => c.token === ACME.token).length;
    expect(calls()).toBe(1);
    await outbox.enqueue(app.database.db, [
      channelPost(ACME.teamId, 'C0ACME2', { text: 'acme second' }),
      channelPost(ACME.teamId, 'C0ACME3', { text: 'acme third' }),
      channelPost(GLOBEX.teamId, 'C0GLOBEX', { text: 'globex' }),
    ]);
    await outbox.flush();
    expect(calls()).toBe(1);
    expect(posted(app, GLOBEX.token)).toEqual(['globex']);

    app.clock.advance(121_000);
    await outbox.flush();
    expect(posted(app, ACME.token).sort()).toEqual(['acme first', 'acme second', 'acme third']);
    expect(app.slack.callsOf('chat.postMessage').filter((c) => c.token === ACME.token)).toHaveLength(4);
  });

  it('keeps each channel’s order while channels are sent side by side', async () => {
    t = await startTestApp();
    const app = t;
    const channels = ['C0ONE', 'C0TWO', 'C0THREE', 'C0FOUR'];
    const messages = [1, 2, 3, 4, 5].flatMap((n) =>
      channels.map((channel) => channelPost(app.slack.teamId, channel, { text: `${channel} ${n}` })),
    );
    await app.rearview.features.outbox.enqueue(app.database.db, messages);
    await app.rearview.features.outbox.flush();
    for (const channel of channels) {
      const seen = app.slack
        .callsOf('chat.postMessage')
        .filter((c) => c.body.channel === channel)
        .map((c) => String(c.body.text));
      expect(seen, channel).toEqual([1, 2, 3, 4, 5].map((n) => `${channel} ${n}`));
    }
  });

  it('opens a person’s DM channel once, and again only when Slack says it is gone', async () => {
    t = await startTestApp();
    const app = t;
    const team = app.slack.teamId;
    const outbox = app.rearview.features.outbox;
    await outbox.enqueue(app.database.db, directMessage(team, 'U0OWNER', { text: 'first nudge' }));
    await outbox.flush();
    await outbox.enqueue(app.database.db, directMessage(team, 'U0OWNER', { text: 'second nudge' }));
    await outbox.flush();
    expect(app.slack.countOf('conversations.open')).toBe(1);

    // The channel Slack gave is gone: the message is sent once, into the channel opened again.
    app.slack.refuse(
      'chat.postMessage',
      (body) => body.text === 'third nudge',
      {
        kind: 'error',
        error: 'channel_not_found',
      },
      1,
    );
    await outbox.enqueue(app.database.db, directMessage(team, 'U0OWNER', { text: 'third nudge' }));
    await outbox.flush();
    expect(app.slack.countOf('conversations.open')).toBe(2);
    const delivered = app.slack
      .callsOf('chat.postMessage')
      .filter((c) => c.result?.ok)
      .map((c) => String(c.body.text));
    expect(delivered).toEqual(['first nudge', 'second nudge', 'third nudge']);
    const kept = await app.database.db.selectFrom('dm_channels').selectAll().execute();
    expect(kept.map((k) => [k.user_id, k.channel_id])).toEqual([['U0OWNER', 'D0OWNER']]);
  });

  it('keeps a DM channel it opened when the post after it fails, so the retry does not open it again', async () => {
    t = await startTestApp();
    const app = t;
    const team = app.slack.teamId;
    const outbox = app.rearview.features.outbox;
    app.slack.refuse('chat.postMessage', (body) => body.text === 'nudge', { kind: 'http', status: 500 }, 1);
    await outbox.enqueue(app.database.db, directMessage(team, 'U0OWNER', { text: 'nudge' }));
    await outbox.flush();
    const kept = await app.database.db.selectFrom('dm_channels').select(['user_id', 'channel_id']).execute();
    expect(kept).toEqual([{ user_id: 'U0OWNER', channel_id: 'D0OWNER' }]);
    app.clock.advance(60_000);
    await outbox.flush();
    expect(app.slack.countOf('conversations.open')).toBe(1);
    const delivered = app.slack.callsOf('chat.postMessage').filter((c) => c.result?.ok);
    expect(delivered.map((c) => [c.body.channel, c.body.text])).toEqual([['D0OWNER', 'nudge']]);
  });

  it('looks up a workspace’s token once a minute, not once a message', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    expect((await install(app, ACME)).status).toBe(200);
    const store = app.rearview.installations;
    if (!store) throw new Error('installed by OAuth, the app keeps an installation store');
    const reads = vi.spyOn(store, 'fetchInstallation');
    const outbox = app.rearview.features.outbox;
    const post = async (text: string) => {
      await outbox.enqueue(app.database.db, channelPost(ACME.teamId, 'C0ACME', { text }));
      await outbox.flush();
    };
    await post('first');
    const afterFirst = reads.mock.calls.length;
    expect(afterFirst).toBeGreaterThan(0);
    app.clock.advance(5_000);
    await post('second');
    expect(reads.mock.calls.length).toBe(afterFirst);
    app.clock.advance(61_000);
    await post('third');
    expect(reads.mock.calls.length).toBeGreaterThan(afterFirst);
    expect(posted(app, ACME.token)).toEqual(['first', 'second', 'third']);
  });

  it('asks for the token again when Slack refuses the one kept, and gives up when it refuses a fresh one', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    expect((await install(app, ACME)).status).toBe(200);
    const outbox = app.rearview.features.outbox;
    const db = app.database.db;
    await outbox.enqueue(db, channelPost(ACME.teamId, 'C0ACME', { text: 'kept the token' }));
    await outbox.flush();

    // The token kept from the first message is refused once (the app was reinstalled, say): the
    // message goes out with the token looked up again, not given up.
    app.slack.refuse(
      'chat.postMessage',
      (body) => body.text === 'refused once',
      { kind: 'error', error: 'invalid_auth' },
      1,
    );
    await outbox.enqueue(db, channelPost(ACME.teamId, 'C0ACME', { text: 'refused once' }));
    await outbox.flush();
    expect(posted(app, ACME.token)).toEqual(['kept the token', 'refused once']);

    // Refused with the token looked up again too: the workspace's token is truly gone, and the message
    // is given up as before, after two tries.
    app.slack.refuse(
      'chat.postMessage',
      (body) => body.text === 'refused always',
      { kind: 'error', error: 'invalid_auth' },
      5,
    );
    await outbox.enqueue(db, channelPost(ACME.teamId, 'C0ACME', { text: 'refused always' }));
    await outbox.flush();
    const tries = app.slack.callsOf('chat.postMessage').filter((c) => c.body.text === 'refused always');
    expect(tries).toHaveLength(2);
    const given = await db
      .selectFrom('outbox')
      .select(['failed_at', 'last_error'])
      .where('sent_at', 'is', null)
      .execute();
    expect(given).toHaveLength(1);
    expect(given[0]?.last_error).toBe('invalid_auth');
    expect(given[0]?.failed_at).not.toBeNull();
  });
});
