import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claim, enqueue } from '../../src/outbox/outbox.repository.js';
import { channelPost, channelQueue, directMessage, messageEdit } from '../../src/outbox/outbox-message.js';
import { runOutbox } from '../../src/outbox/sender.service.js';
import { dmRecipients, drain, type FollowUpWorld, startFollowUpWorld, TEAM } from '../fixtures/follow-up.js';
import { waitFor } from '../harness/poll.js';

const START = new Date('2026-11-24T12:00:00Z');

describe('outbox', () => {
  let world: FollowUpWorld;
  beforeAll(async () => {
    world = await startFollowUpWorld(START);
  });
  beforeEach(async () => {
    await world.reset(START);
  });
  afterAll(async () => {
    await world.close();
  });

  const add = (message: Parameters<typeof enqueue>[1]) =>
    world.ctx.db.transaction().execute((trx) => enqueue(trx, message, world.clock.now()));
  const postedTexts = (channel: string) =>
    world.slack
      .callsOf('chat.postMessage')
      .filter((c) => c.body.channel === channel && c.result?.ok)
      .map((c) => c.body.text);

  it('sends a message once, and a dedupe key queues it once however often it is added', async () => {
    expect(
      await add(directMessage(TEAM, 'U1', { text: 'hello' }, { jobKey: 'nudge:T:U1:2026-W48' })),
    ).toBeDefined();
    expect(
      await add(directMessage(TEAM, 'U1', { text: 'again' }, { jobKey: 'nudge:T:U1:2026-W48' })),
    ).toBeUndefined();
    expect((await drain(world)).sent).toBe(1);
    expect(
      await add(directMessage(TEAM, 'U1', { text: 'later' }, { jobKey: 'nudge:T:U1:2026-W48' })),
    ).toBeUndefined();
    await drain(world);
    expect(dmRecipients(world.slack)).toEqual(['U1']);
    expect(world.slack.lastCall('chat.postMessage')?.body.text).toBe('hello');
  });

  it('edits of one message merge while they wait, are rendered when sent, and a later one follows a send', async () => {
    let state = 'a';
    const renders: string[] = [];
    const renderers = {
      note: async () => {
        renders.push(state);
        return { channel: 'C1', ts: '1.000001', content: { text: state } };
      },
    };
    const edit = () =>
      messageEdit(TEAM, channelQueue(TEAM, 'C1'), { renderer: 'note', data: null }, 'note:C1:1.000001');
    for (const next of ['b', 'c']) {
      state = next;
      await add(edit());
    }
    state = 'd';
    expect((await runOutbox({ ...world.outbox, renderers }, world.clock.now())).sent).toBe(1);
    expect(world.slack.callsOf('chat.update').map((c) => [c.body.channel, c.body.ts, c.body.text])).toEqual([
      ['C1', '1.000001', 'd'],
    ]);
    state = 'e';
    await add(edit());
    await runOutbox({ ...world.outbox, renderers }, world.clock.now());
    expect(world.slack.callsOf('chat.update').map((c) => c.body.text)).toEqual(['d', 'e']);
    expect(renders).toEqual(['d', 'e']);
  });

  it('a paced edit waits for its turn across copies: two sends of one key are the pace apart', async () => {
    const rendered: number[] = [];
    const renderers = {
      note: async () => {
        rendered.push(performance.now());
        return { channel: 'C1', ts: '1.000002', content: { text: 'x' } };
      },
    };
    const edit = () =>
      messageEdit(TEAM, channelQueue(TEAM, 'C1'), { renderer: 'note', data: null }, 'note:paced', {
        paceMs: 400,
      });
    const [a, b] = await Promise.all(['p1', 'p2'].map((name) => world.instance(name)));
    for (const copy of [a, b]) {
      await add(edit());
      if (copy) await runOutbox({ ...copy.outbox, renderers }, world.clock.now());
    }
    expect(world.slack.callsOf('chat.update').filter((c) => c.body.ts === '1.000002')).toHaveLength(2);
    // The second copy waited for the turn the first took (the database's clock; a few ms of rounding).
    expect((rendered[1] ?? 0) - (rendered[0] ?? 0)).toBeGreaterThan(350);
  });

  it('a message claimed by a copy that then crashed goes out on a later tick, once', async () => {
    await add(directMessage(TEAM, 'U1', { text: 'survives a crash' }));
    const claimed = await claim(world.ctx.db, 'worker-that-crashed', world.clock.now(), 10, 5 * 60_000);
    expect(claimed).toHaveLength(1);
    // The lease still runs: nobody else may send it yet.
    expect((await drain(world)).sent).toBe(0);
    world.clock.advance(5 * 60_000 + 1_000);
    expect((await drain(world)).sent).toBe(1);
    world.clock.advance(60 * 60_000);
    expect((await drain(world)).sent).toBe(0);
    expect(dmRecipients(world.slack)).toEqual(['U1']);
  });

  it('Retry-After is waited out: every message arrives once, none is retried early', async () => {
    const users = ['U1', 'U2', 'U3', 'U4', 'U5'];
    for (const user of users) await add(directMessage(TEAM, user, { text: `for ${user}` }));
    await add(channelPost(TEAM, 'C1', { text: 'channel post' }));
    const until = new Date(START.getTime() + 9_000);
    world.slack.rateLimit('chat.postMessage', { retryAfter: 2, until });
    const result = await drain(world);
    expect(result.sent).toBe(6);
    expect(world.slack.earlyCalls).toEqual([]);
    expect(world.clock.now().getTime()).toBeGreaterThanOrEqual(until.getTime());
    expect(dmRecipients(world.slack).sort()).toEqual(users);
    expect(postedTexts('C1')).toEqual(['channel post']);
    const refused = world.slack.callsOf('chat.postMessage').filter((c) => !c.result);
    expect(refused.length).toBeGreaterThanOrEqual(6);
  });

  it('a permanent refusal is recorded and not retried; the others arrive', async () => {
    // People DMed for the first time: their conversations are opened (earlier cases here opened some).
    await world.ctx.db.deleteFrom('dm_channels').execute();
    world.slack.refuse('conversations.open', (b) => b.users === 'U3', {
      kind: 'error',
      error: 'account_inactive',
    });
    for (const user of ['U1', 'U2', 'U3', 'U4'])
      await add(directMessage(TEAM, user, { text: `for ${user}` }));
    expect(await drain(world)).toMatchObject({ sent: 3, failed: 1 });
    world.clock.advance(24 * 3600_000);
    expect(await drain(world)).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    expect(world.slack.callsOf('conversations.open').filter((c) => c.body.users === 'U3')).toHaveLength(1);
    expect(dmRecipients(world.slack).sort()).toEqual(['U1', 'U2', 'U4']);
    const row = await world.ctx.db
      .selectFrom('outbox')
      .select(['last_error', 'failed_at', 'sent_at'])
      .where('queue', '=', `dm:${TEAM}:U3`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_error: 'account_inactive', sent_at: null });
    expect(row.failed_at).not.toBeNull();
  });

  it('posts Slack refuses with 500 go out on later ticks, in order, once; another channel is not held up', async () => {
    for (const text of ['first', 'second', 'third']) await add(channelPost(TEAM, 'C1', { text }));
    await add(channelPost(TEAM, 'C2', { text: 'elsewhere' }));
    world.slack.refuse('chat.postMessage', (b) => b.channel === 'C1', { kind: 'http', status: 500 }, 2);
    const first = await runOutbox({ ...world.outbox, budgetMs: 0 }, world.clock.now());
    expect(first).toMatchObject({ sent: 1, retried: 1 });
    expect(postedTexts('C2')).toEqual(['elsewhere']);
    expect(postedTexts('C1')).toEqual([]);
    world.clock.advance(60_000);
    await runOutbox({ ...world.outbox, budgetMs: 0 }, world.clock.now());
    world.clock.advance(60_000);
    await drain(world);
    expect(postedTexts('C1')).toEqual(['first', 'second', 'third']);
    const attempts = world.slack.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C1');
    expect(attempts.map((c) => c.body.text)).toEqual(['first', 'first', 'first', 'second', 'third']);
  });

  it('posts to one channel are paced about a second apart', async () => {
    for (const text of ['one', 'two', 'three']) await add(channelPost(TEAM, 'C1', { text }));
    await drain(world);
    expect(postedTexts('C1')).toEqual(['one', 'two', 'three']);
    expect(world.clock.now().getTime() - START.getTime()).toBeGreaterThanOrEqual(2_000);
  });

  it('tells a registered handler where a sent message landed', async () => {
    const seen: unknown[] = [];
    await add(
      directMessage(
        TEAM,
        'U7',
        { text: 'new item' },
        { onSent: { handler: 'remember', data: { item: 'A1' } } },
      ),
    );
    await runOutbox(
      {
        ...world.outbox,
        onSent: { remember: async (_db, sent) => void seen.push([sent.data, sent.result]) },
      },
      world.clock.now(),
    );
    expect(seen).toEqual([[{ item: 'A1' }, { channel: 'D7', ts: expect.any(String) }]]);
    const row = await world.ctx.db.selectFrom('outbox').select('result').executeTakeFirstOrThrow();
    expect(row.result).toMatchObject({ channel: 'D7' });
  });

  it('a message waiting beside the lanes for its channel’s pace is handed back at once on shutdown', async () => {
    for (const text of ['sent', 'waiting']) await add(channelPost(TEAM, 'C1', { text }));
    const stopping = new AbortController();
    // Real waits (no fake sleep): the second post would wait five minutes for its channel's pace.
    const { sleep: _fake, ...deps } = world.outbox;
    const run = runOutbox(
      { ...deps, signal: stopping.signal, paceMs: 5 * 60_000, holdMs: 10 * 60_000 },
      world.clock.now(),
    );
    // The second post becomes its queue's head once the first is marked sent; only then is it claimed to
    // wait for its pace. Stopping as soon as Slack has the first post could come before that claim.
    await waitFor(async () => {
      const unsent = await world.ctx.db
        .selectFrom('outbox')
        .select('locked_by')
        .where('sent_at', 'is', null)
        .execute();
      return unsent.length === 1 && unsent[0]?.locked_by !== null;
    }, 'the second post to be claimed');
    expect(postedTexts('C1')).toEqual(['sent']);
    stopping.abort();
    expect(await run).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 1 });
    const waiting = await world.ctx.db
      .selectFrom('outbox')
      .select(['locked_by', 'sent_at'])
      .where('sent_at', 'is', null)
      .execute();
    expect(waiting).toEqual([{ locked_by: null, sent_at: null }]);
  });
});
