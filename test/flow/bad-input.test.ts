import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { startTestApp, TEST_START, type TestApp } from '../harness/test-app.js';
import {
  ephemeralsTo,
  expectFeedbackSaved,
  openFromCard,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/** Bad input of every kind gets a clear answer, stores nothing wrong, and the app keeps serving. */
describe('bad input', () => {
  let t: TestApp;
  let retro: StartedRetro;
  const count = async (table: 'feedback_items' | 'votes' | 'retros') =>
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    t = await startTestApp();
    retro = await startRetro(t, t.user('UFAC'), 'Holiday campaign', { vote_budget: '2' });
  });
  afterAll(() => t?.close());

  it.each([
    ['an empty submission', {}, 'section_start', 'at least one item'],
    [
      'only blank lines',
      { section_start: '\n   \n', section_stop: ' ' },
      'section_start',
      'at least one item',
    ],
    ['a 501-character item', { section_stop: `- fine item\n- ${'x'.repeat(501)}` }, 'section_stop', '501'],
    [
      '51 items in one section',
      { section_continue: Array.from({ length: 51 }, (_, i) => `- item ${i}`).join('\n') },
      'section_continue',
      '51',
    ],
  ])('feedback with %s gets an inline error and stores nothing', async (_name, values, block, message) => {
    const before = await count('feedback_items');
    const view = await openFromCard(t, t.user('U1'), ACTIONS.addFeedback, retro);
    const reply = await t.user('U1').submit(view, values);
    expect(reply.json?.response_action).toBe('errors');
    expect(reply.json?.errors?.[block]).toContain(message);
    expect(await count('feedback_items')).toBe(before);
  });

  it.each([
    ['a missing title', { title: '  ' }, 'title', 'title'],
    [
      'malformed KPI lines',
      { kpis: 'MQLs | 500 | | leads | higher\nCPL | abc | | USD\nOnly a name' },
      'kpis',
      'Line 2',
    ],
    ['a KPI with a bad direction', { kpis: 'MQLs | 500 | | leads | sideways' }, 'kpis', 'Line 1'],
    [
      'a deadline in the past',
      { deadline: Math.floor(TEST_START.getTime() / 1000) - 3600 },
      'deadline',
      'future',
    ],
  ])('setup with %s gets an inline error and starts nothing', async (_name, values, block, message) => {
    const other = t.user('UFAC', 'C0OTHER');
    const before = await count('retros');
    const calls = t.slack.calls.length;
    await other.command('start Spring launch');
    const view = await other.waitForView(calls);
    const reply = await other.submit(view, values);
    expect(reply.json?.response_action).toBe('errors');
    expect(reply.json?.errors?.[block]).toContain(message);
    expect(await count('retros')).toBe(before);
  });

  it.each([
    ['garbage', 'not json at all'],
    ['an unsigned retro id', JSON.stringify({ d: JSON.stringify({ retroId: randomUUID() }), s: 'forged' })],
    ['no metadata', ''],
  ])('a feedback form with %s as private_metadata is refused and stores nothing', async (_name, metadata) => {
    const before = await count('feedback_items');
    const view = await openFromCard(t, t.user('U1'), ACTIONS.addFeedback, retro);
    const reply = await t
      .user('U1')
      .submit({ ...view, private_metadata: metadata }, { section_start: 'sneaky item' });
    expect(reply.json?.response_action).toBe('update');
    expect(JSON.stringify(reply.json?.view)).toContain('could not be verified');
    expect(await count('feedback_items')).toBe(before);
  });

  it('a feedback form sealed for another retro is refused even when its metadata is well-formed', async () => {
    const view = await openFromCard(t, t.user('U1'), ACTIONS.addFeedback, retro);
    const tampered = view.private_metadata?.replace(retro.id, randomUUID()) ?? '';
    expect(tampered).not.toBe(view.private_metadata);
    const reply = await t
      .user('U1')
      .submit({ ...view, private_metadata: tampered }, { section_start: 'sneaky item' });
    expect(reply.json?.response_action).toBe('update');
  });

  it.each([
    ['reveal the feedback and start voting', ACTIONS.startVoting],
    ['close the retro', ACTIONS.close],
    ['cancel the retro', ACTIONS.cancel],
    ['update the KPI actuals', ACTIONS.editKpis],
  ])('someone who is not a facilitator cannot %s', async (what, actionId) => {
    const calls = t.slack.calls.length;
    await t.user('U2').press(actionId, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U2', calls);
    expect(ephemeralsTo(t, 'U2', calls)).toEqual([
      `Only the facilitators of *Holiday campaign* can ${what}.`,
    ]);
    const row = await t.database.db
      .selectFrom('retros')
      .select('phase')
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row.phase).toBe('collecting');
    expect(t.slack.calls.slice(calls).filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it.each([
    ['an unknown retro', randomUUID()],
    ['a malformed retro id', "1' or '1'='1"],
    ['no retro id', ''],
  ])('a button naming %s gets an explanation', async (_name, value) => {
    const calls = t.slack.calls.length;
    await t.user('U1').press(ACTIONS.addFeedback, value, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U1', calls);
    expect(ephemeralsTo(t, 'U1', calls)[0]).toContain('no longer exists');
  });

  it('refuses a forged ballot over the vote budget, and votes outside voting', async () => {
    let calls = t.slack.calls.length;
    const seeded = await openFromCard(t, t.user('U1'), ACTIONS.addFeedback, retro);
    expectFeedbackSaved(await t.user('U1').submit(seeded, { section_start: '- one\n- two\n- three' }));
    // Voting has not started: the vote button says so.
    calls = t.slack.calls.length;
    await t.user('U1').press(ACTIONS.vote, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U1', calls);
    expect(ephemeralsTo(t, 'U1', calls)[0]).toContain('has not started');

    await t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postMessage', (c) => c.body.thread_ts === retro.cardTs, calls);
    const ballot = await openFromCard(t, t.user('U1'), ACTIONS.vote, retro);
    const ids = (
      await t.database.db.selectFrom('feedback_items').select('id').where('retro_id', '=', retro.id).execute()
    ).map((r) => r.id);
    const votesBefore = await count('votes');
    const over = await t.user('U1').submit(ballot, { votes_0: ids.slice(0, 3) });
    expect(over.json?.response_action).toBe('errors');
    expect(over.json?.errors?.votes_0).toContain('You have 2 votes; you picked 3');
    const unknown = await t.user('U1').submit(ballot, { votes_0: [randomUUID()] });
    expect(unknown.json?.errors?.votes_0).toContain('no longer in this retro');
    expect(await count('votes')).toBe(votesBefore);

    // Feedback after the reveal is refused, and the text stays in the modal.
    const late = await t.user('U3').submit(seeded, { section_start: 'too late' });
    expect(late.json?.response_action).toBe('errors');
    expect(late.json?.errors?.section_start).toContain('Your text is still here');
    calls = t.slack.calls.length;
    await t.user('U3').press(ACTIONS.addFeedback, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U3', calls);
    expect(ephemeralsTo(t, 'U3', calls)[0]).toContain('is closed');
  });

  it('answers actions on a closed retro politely, and a second close is harmless', async () => {
    await t.user('UFAC').press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postMessage', (c) => /summary/i.test(String(c.body.text)));
    const summaries = () =>
      t.slack.callsOf('chat.postMessage').filter((c) => /summary/i.test(String(c.body.text))).length;
    const before = summaries();
    const calls = t.slack.calls.length;
    await t.user('UFAC').press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    await t.user('U1').press(ACTIONS.vote, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U1', calls);
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'UFAC', calls);
    expect(ephemeralsTo(t, 'UFAC', calls)[0]).toContain('already closed');
    expect(ephemeralsTo(t, 'U1', calls)[0]).toContain('is over');
    expect(summaries()).toBe(before);
  });

  it('keeps serving after all of that', async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const help = await t.user('U1').command('help');
    expect(help.json?.text).toContain('/retro start');
    expect(t.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});
