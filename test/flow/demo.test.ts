import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValues } from '../../src/demo/form-state.js';
import { DEMO_CHANNEL } from '../../src/demo/people.js';
import type { StoredMessage } from '../../src/demo/slack/workspace.js';
import type { DemoApp } from '../../src/demo/start-demo.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp } from '../harness/test-app.js';
import type { TestDatabase } from '../harness/test-db.js';
import { startTestDemo, type TestDemo } from '../harness/test-demo.js';

/**
 * The demo end to end through its HTTP API, as the page drives it: the real app, the real database, the
 * simulated Slack in the same process, every click a signed request to /slack/events.
 */

const LENA = 'U0LENA';
const MARCUS = 'U0MARCUS';
const DIEGO = 'U0DIEGO';
const PRIYA = 'U0PRIYA';

let started: TestDemo | undefined;
let database: TestDatabase;
let demo: DemoApp;
let base: string;

type Json = Record<string, any>;

async function post(path: string, body: Json): Promise<Json> {
  const res = await fetch(`${base}/demo/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

async function state(as: string): Promise<Json> {
  const res = await fetch(`${base}/demo/api/state?as=${as}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

const ws = () => demo.workspace;
const topLevel = () => ws().messages.filter((m) => m.channel === DEMO_CHANNEL.id && !m.threadTs);
const card = (): StoredMessage => {
  const found = topLevel()
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('retro_facilitator_menu'))
    .at(-1);
  if (!found) throw new Error('no card in the channel');
  return found;
};
const blockOf = (message: StoredMessage, actionId: string): Json =>
  ((message.blocks ?? []) as Json[]).find((b) =>
    [b.accessory, ...(b.elements ?? [])].some((e: Json | undefined) => e?.action_id === actionId),
  ) as Json;

async function press(as: string, actionId: string): Promise<Json> {
  const message = card();
  return post('action', {
    as,
    surface: { kind: 'message', channel: DEMO_CHANNEL.id, ts: message.ts },
    action: { type: 'button', action_id: actionId, block_id: blockOf(message, actionId).block_id },
  });
}

/** Picks the option of the card's facilitator menu whose text starts with `label`. */
async function menu(as: string, label: string): Promise<Json> {
  const message = card();
  const block = blockOf(message, 'retro_facilitator_menu');
  const overflow = block.elements.find((e: Json) => e.action_id === 'retro_facilitator_menu');
  const option = overflow.options.find((o: Json) => o.text.text.startsWith(label));
  expect(option, `menu option ${label}`).toBeDefined();
  return post('action', {
    as,
    surface: { kind: 'message', channel: DEMO_CHANNEL.id, ts: message.ts },
    action: {
      type: 'overflow',
      action_id: 'retro_facilitator_menu',
      block_id: block.block_id,
      selected_option: { value: option.value },
    },
  });
}

const modalOf = (as: string, callbackId: string) =>
  waitFor(
    () => {
      const top = ws().topView(as);
      return top?.view.callback_id === callbackId ? top : undefined;
    },
    `${callbackId} open for ${as}`,
    15_000,
  );

const retroRow = () =>
  database.db
    .selectFrom('retros')
    .selectAll()
    .where('channel_id', '=', DEMO_CHANNEL.id)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  started = await startTestDemo({ logLevel: (process.env.DEMO_LOG as 'warn') ?? 'silent' });
  demo = started.demo;
  database = started.database;
  base = `http://127.0.0.1:${demo.port}`;
}, 60_000);

afterAll(async () => {
  await started?.close();
});

describe('the demo', () => {
  it('serves the page at /demo', async () => {
    const res = await fetch(`${base}/demo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('nothing leaves this machine');
  });

  it('starts a sample retro through the real path: the card, KPIs and three people’s feedback', async () => {
    expect((await state(LENA)).channel.messages).toEqual([]);
    expect(await post('sample', {})).toEqual({ ok: true });
    const retro = await retroRow();
    expect(retro.title).toBe('Q4 launch: Atlas');
    expect(retro.phase).toBe('collecting');
    const kpis = await database.db
      .selectFrom('retro_kpis')
      .select('metric')
      .where('retro_id', '=', retro.id)
      .execute();
    expect(kpis.map((k) => k.metric)).toEqual(['Pipeline', 'Win rate', 'CAC']);
    const items = await database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('retro_id', '=', retro.id)
      .execute();
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(await post('sample', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('already open'),
    });
    const seen = await state(MARCUS);
    expect(seen.channel.messages).toHaveLength(1);
    expect(seen.channel.messages[0].html).toContain('Q4 launch: Atlas');
    expect(seen.modal).toBeNull();
  });

  it('lets another person add feedback in their own modal; the others see no modal', async () => {
    expect(await press(DIEGO, 'retro_add_feedback')).toEqual({ ok: true });
    const view = await modalOf(DIEGO, 'retro_feedback');
    expect((await state(DIEGO)).modal.viewId).toBe(view.id);
    expect((await state(LENA)).modal).toBeNull();
    const before = await database.db.selectFrom('feedback_items').select('id').execute();
    const values = formValues(
      { blocks: view.view.blocks },
      { section_start: 'A shared launch calendar with sales' },
    );
    expect(await post('submit', { as: DIEGO, viewId: view.id, values })).toEqual({ ok: true });
    const after = await database.db.selectFrom('feedback_items').select('id').execute();
    expect(after.length).toBe(before.length + 1);
    // The same modal submitted again: Slack has nothing left to submit, and nothing more is stored.
    const again = await post('submit', { as: DIEGO, viewId: view.id, values });
    expect(again.ok).toBe(false);
    expect((await database.db.selectFrom('feedback_items').select('id').execute()).length).toBe(after.length);
    const receipt = ws().topView(DIEGO);
    if (receipt) await post('close', { as: DIEGO, viewId: receipt.id });
    expect((await state(DIEGO)).modal).toBeNull();
  });

  it('answers a form error in place, under the block', async () => {
    await press(PRIYA, 'retro_add_feedback');
    const view = await modalOf(PRIYA, 'retro_feedback');
    const reply = await post('submit', {
      as: PRIYA,
      viewId: view.id,
      values: formValues({ blocks: view.view.blocks }),
    });
    expect(reply.ok).toBe(false);
    expect(Object.keys(reply.errors ?? {}).length).toBeGreaterThan(0);
    // Still open, for another try, and still there after a reload.
    expect((await state(PRIYA)).modal.viewId).toBe(view.id);
    await post('close', { as: PRIYA, viewId: view.id });
  });

  it('answers an unknown slash command as Slack does, to its sender only', async () => {
    expect(await post('command', { as: MARCUS, text: '/foo bar' })).toEqual({ ok: true });
    const marcus = await state(MARCUS);
    expect(marcus.ephemerals.map((e: Json) => e.html).join('\n')).toContain('is not a valid command');
    expect((await state(LENA)).ephemerals.map((e: Json) => e.html).join('\n')).not.toContain(
      'is not a valid command',
    );
  });

  it('reveals from the card’s menu, takes a vote, closes and posts the summary in the thread', async () => {
    expect(await menu(LENA, 'Reveal')).toEqual({ ok: true });
    await waitFor(async () => (await retroRow()).phase === 'voting', 'the reveal', 15_000);
    await waitFor(
      () => JSON.stringify(card().blocks).includes('retro_vote'),
      'the card to show Vote',
      15_000,
    );

    expect(await press(MARCUS, 'retro_vote')).toEqual({ ok: true });
    const ballot = await modalOf(MARCUS, 'retro_vote');
    const select = (ballot.view.blocks as Json[]).find((b) => b.type === 'input');
    const first = select?.element.option_groups[0].options[0].value;
    const voted = await post('submit', {
      as: MARCUS,
      viewId: ballot.id,
      values: formValues({ blocks: ballot.view.blocks }, { [select?.block_id]: [first] }),
    });
    expect(voted).toEqual({ ok: true });
    const votes = await database.db.selectFrom('votes').select('voter_id').execute();
    expect(votes.map((v) => v.voter_id)).toContain(MARCUS);

    const cardTs = card().ts;
    expect(await menu(LENA, 'Close')).toEqual({ ok: true });
    const confirm = await modalOf(LENA, 'retro_confirm_close');
    expect(
      await post('submit', {
        as: LENA,
        viewId: confirm.id,
        values: formValues({ blocks: confirm.view.blocks }),
      }),
    ).toEqual({ ok: true });
    await waitFor(async () => (await retroRow()).phase === 'closed', 'the close', 15_000);
    const lena = await waitFor(
      async () => {
        const s = await state(LENA);
        const shown = [...s.channel.messages, ...((s.threads[cardTs] ?? []) as Json[])];
        return shown.some((m: Json) => m.html.includes('Retro summary')) ? s : undefined;
      },
      'the summary',
      20_000,
    );
    expect(lena.channel.messages.find((m: Json) => m.ts === cardTs).replyCount).toBeGreaterThan(0);
  });

  it('moves time to the feedback deadline and runs what falls due there', async () => {
    expect(await post('command', { as: LENA, text: '/retro start Q1 campaign: Beacon' })).toEqual({
      ok: true,
    });
    const setup = await modalOf(LENA, 'retro_setup');
    expect(
      await post('submit', { as: LENA, viewId: setup.id, values: formValues({ blocks: setup.view.blocks }) }),
    ).toEqual({ ok: true });
    const retro = await waitFor(async () => {
      const row = await retroRow();
      return row.title === 'Q1 campaign: Beacon' ? row : undefined;
    }, 'the second retro');
    const deadline = retro.deadline_at as Date;
    expect(await post('time', { jump: 'deadline', as: LENA })).toEqual({ ok: true });
    expect(demo.clock.now().getTime()).toBeGreaterThan(deadline.getTime());
    await waitFor(
      async () => (await retroRow()).phase !== 'collecting',
      'the deadline to move the retro',
      15_000,
    );
    expect(new Date((await state(LENA)).now).getTime()).toBeGreaterThan(deadline.getTime());
  });

  it('moves to next Monday 09:00 on the acting person’s clock, and a week on', async () => {
    expect(await post('time', { jump: 'monday', as: MARCUS })).toEqual({ ok: true });
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(demo.clock.now());
    expect(local).toMatch(/^Mon,? 09$/);
    const before = demo.clock.now().getTime();
    expect(await post('time', { jump: 'week' })).toEqual({ ok: true });
    expect(demo.clock.now().getTime() - before).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect((await post('time', { jump: 'yesterday' })).ok).toBe(false);
  });

  it('shows each person only their own DMs and ephemerals', async () => {
    const [lena, marcus] = await Promise.all([state(LENA), state(MARCUS)]);
    expect(lena.dm.channel).not.toBe(marcus.dm.channel);
    expect(lena.acting.tz).toBe('Europe/Berlin');
    expect(marcus.acting.tz).toBe('America/New_York');
    expect(await post('home', { as: MARCUS })).toEqual({ ok: true });
    await waitFor(async () => (await state(MARCUS)).home !== null, 'Marcus’s Home tab', 15_000);
    expect((await state(DIEGO)).home).toBeNull();
  });

  it('refuses clicks on what a person cannot see, and JSON only', async () => {
    const message = card();
    expect(
      (
        await post('action', {
          as: MARCUS,
          surface: { kind: 'message', channel: 'D0LENA', ts: message.ts },
          action: { action_id: 'retro_add_feedback', block_id: 'x' },
        })
      ).ok,
    ).toBe(false);
    const form = await fetch(`${base}/demo/api/sample`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });
});

describe('the simulated Slack', () => {
  const api = async (method: string, body: Json, token = demo.rearview.features.config.slack.botToken) => {
    const res = await fetch(`${demo.rearview.features.config.slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Json;
  };
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('delivers a click on a message drawn before its last update, as Slack does, though the update gave its blocks new ids', async () => {
    const drawn = card();
    const button = ((drawn.blocks ?? []) as Json[])
      .flatMap((b) => [b.accessory, ...(b.elements ?? [])])
      .find((e: Json | undefined) => e?.type === 'button');
    expect(button, 'a button on the card').toBeDefined();
    const staleBlockId = blockOf(drawn, button.action_id).block_id;
    // The app edits the card: Slack gives blocks sent without an id new ones.
    const blocks = ((drawn.blocks ?? []) as Json[]).map(({ block_id: _, ...block }) => block);
    expect(
      await api('chat.update', { channel: DEMO_CHANNEL.id, ts: drawn.ts, text: 'card', blocks }),
    ).toMatchObject({
      ok: true,
    });
    expect(blockOf(card(), button.action_id).block_id).not.toBe(staleBlockId);
    const answer = await post('action', {
      as: LENA,
      surface: { kind: 'message', channel: DEMO_CHANNEL.id, ts: drawn.ts },
      action: { type: 'button', action_id: button.action_id, block_id: staleBlockId },
    });
    expect(answer).toEqual({ ok: true });
  });

  it('refuses what Slack refuses, with Slack’s errors', async () => {
    const channel = DEMO_CHANNEL.id;
    const tooMany = await api('chat.postMessage', {
      channel,
      text: 'x',
      blocks: Array.from({ length: 51 }, () => section('a')),
    });
    expect(tooMany).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(tooMany.response_metadata.messages[0]).toContain('no more than 50 items');
    expect(
      await api('chat.postMessage', { channel, text: 'x', blocks: [section('a'.repeat(3001))] }),
    ).toMatchObject({ error: 'invalid_blocks' });
    expect(
      await api('chat.postMessage', {
        channel,
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      }),
    ).toMatchObject({ error: 'invalid_blocks' });
    expect(await api('chat.postMessage', { channel, text: 'x'.repeat(40_001) })).toMatchObject({
      error: 'msg_too_long',
    });
    expect(await api('chat.postMessage', { channel: 'C0NOPE', text: 'x' })).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await api('chat.update', { channel, ts: '1.000001', text: 'x' })).toMatchObject({
      error: 'message_not_found',
    });
    expect(
      await api('views.update', {
        view_id: 'V0NOPE',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).toMatchObject({ error: 'not_found' });
    expect(
      await api('views.open', {
        trigger_id: 'made-up',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).toMatchObject({ ok: false });
    expect(await api('auth.test', {}, 'xoxb-wrong')).toMatchObject({ error: 'invalid_auth' });
  });
});

describe('a real start', () => {
  it('serves no demo: /demo answers 404', async () => {
    const app = await startTestApp();
    try {
      expect((await fetch(`${app.baseUrl}/demo`)).status).toBe(404);
      expect((await fetch(`${app.baseUrl}/demo/api/state`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
