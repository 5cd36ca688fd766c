import { afterEach, beforeEach, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, openFromCard, phaseOf, type StartedRetro, startRetro } from './retro-helpers.js';

/** Phase posts go through the outbox: retried until Slack takes them, and never in the way of a modal. */

const DAY_MS = 24 * 3600_000;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  for (const [id, name] of [
    ['UFAC', 'Fran'],
    ['UCO', 'Cora'],
    ['UALICE', 'Alice'],
    ['UBOB', 'Bob'],
  ])
    t.slack.addUser({ id: id as string, name: name as string });
});
afterEach(() => t.close());

/** Presses a phase button and waits until the phase moved and the kicked send is over. */
async function press(user: string, channel: string, action: string, retro: StartedRetro, phase: string) {
  await t.user(user, channel).press(action, retro.id, { messageTs: retro.cardTs });
  await waitFor(async () => (await phaseOf(t, retro.id)) === phase || undefined, `the retro to be ${phase}`);
  await t.rearview.features.outbox.flush();
}

/** The posts queued for a channel (the card's edits share its queue, and are not posts). */
async function queuedTexts(channel: string): Promise<{ text: string; sent: boolean }[]> {
  const rows = await t.database.db
    .selectFrom('outbox')
    .select(['payload', 'sent_at'])
    .where('queue', 'like', `channel:%:${channel}`)
    .where('method', '=', 'chat.postMessage')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ text: String((r.payload as any).args.text), sent: r.sent_at !== null }));
}

it('a reveal Slack refuses with 500 at first is posted by a later tick, in order, once', async () => {
  const retro = await startRetro(t, t.user('UFAC'), 'Autumn campaign');
  await addFeedback(t, t.user('UALICE'), retro, { start: 'Retarget webinar no-shows' }, false);
  await addFeedback(t, t.user('UBOB'), retro, { stop: 'Discount-only emails' }, true);
  const inThread = (b: Record<string, any>) => b.channel === 'C0RETRO' && b.thread_ts === retro.cardTs;
  t.slack.refuse('chat.postMessage', inThread, { kind: 'http', status: 500 }, 2);

  const pressed = t.slack.calls.length;
  await press('UFAC', 'C0RETRO', ACTIONS.startVoting, retro, 'voting');
  // The reveal in the thread, then the channel's news that voting is open: one queue, in that order.
  const accepted = () =>
    t.slack.calls
      .slice(pressed)
      .filter(
        (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0RETRO' && c.result?.ok === true,
      );
  expect(accepted()).toEqual([]);
  const queued = await queuedTexts('C0RETRO');
  expect(queued.length).toBeGreaterThan(0);
  expect(queued.every((q) => !q.sent)).toBe(true);

  for (let tick = 0; tick < 10 && (await queuedTexts('C0RETRO')).some((q) => !q.sent); tick++) {
    t.clock.advance(60_000);
    await t.rearview.scheduler?.tick();
  }
  const posted = accepted().map((c) => String(c.body.text));
  expect(posted).toEqual(queued.map((q) => q.text));
  expect(posted.join('\n')).toContain('revealed');
  expect(posted.at(-1)).toContain('Voting is open');

  t.clock.advance(60 * 60_000);
  await t.rearview.scheduler?.tick();
  expect(accepted()).toHaveLength(posted.length);
});

it("another person's Add feedback opens its modal while the channel's posts are rate limited", async () => {
  const revealing = await startRetro(t, t.user('UFAC', 'C0A'), 'Partner launch');
  const collecting = await startRetro(t, t.user('UCO', 'C0B'), 'Pricing page test');
  await addFeedback(t, t.user('UALICE', 'C0A'), revealing, { start: 'Joint press release' }, false);
  const retryAfter = 6;
  t.slack.rateLimit('chat.postMessage', {
    retryAfter,
    until: new Date(Date.now() + 10 * 60_000),
    match: (b) => b.channel === 'C0A',
  });

  const pressed = Date.now();
  await t.user('UFAC', 'C0A').press(ACTIONS.startVoting, revealing.id, { messageTs: revealing.cardTs });
  await t.slack.waitForCall('chat.postMessage', (c) => c.body.channel === 'C0A' && !c.result);
  const view = await openFromCard(t, t.user('UBOB', 'C0B'), ACTIONS.addFeedback, collecting);
  // The modal opened within the 429's Retry-After, which started after `pressed`.
  expect(Date.now() - pressed).toBeLessThan(retryAfter * 1000);
  expect(view.callback_id).toBe('retro_feedback');
  expect(t.slack.earlyCalls).toEqual([]);
  expect(await phaseOf(t, revealing.id)).toBe('voting');
});

it('a retro left in discussion for a week reminds its facilitators once to close it', async () => {
  const retro = await startRetro(t, t.user('UFAC'), 'Spring campaign', {
    [SETUP_IDS.blocks.facilitators]: ['UCO'],
  });
  await addFeedback(t, t.user('UALICE'), retro, { start: 'More video' }, false);
  await press('UFAC', 'C0RETRO', ACTIONS.startVoting, retro, 'voting');
  await press('UFAC', 'C0RETRO', ACTIONS.startDiscussion, retro, 'discussing');
  const reminders = () =>
    t.slack
      .callsOf('chat.postMessage')
      .filter((c) => String(c.body.channel).startsWith('D') && String(c.body.text).includes('discussion'));

  t.clock.advance(7 * DAY_MS - 60_000);
  await t.rearview.scheduler?.tick();
  expect(reminders()).toEqual([]);

  t.clock.advance(2 * 60_000);
  await t.rearview.scheduler?.tick();
  expect(
    reminders()
      .map((c) => c.body.channel)
      .sort(),
  ).toEqual(['DCO', 'DFAC']);
  expect(String(reminders()[0]?.body.text)).toContain('Spring campaign');

  t.clock.advance(DAY_MS);
  await t.rearview.scheduler?.tick();
  expect(reminders()).toHaveLength(2);
});

/** True when the retro's row can be locked at once: no transaction holds it (on PGlite, none is open). */
async function rowIsFree(retroId: string): Promise<boolean> {
  const probe = t.database.db
    .transaction()
    .execute((trx) =>
      trx.selectFrom('retros').select('id').where('id', '=', retroId).forUpdate().noWait().executeTakeFirst(),
    )
    .then(
      () => true,
      () => false,
    );
  const late = new Promise<boolean>((resolve) => setTimeout(resolve, 2_000, false));
  return Promise.race([probe, late]);
}

it('asks Slack for names while no transaction holds the retro, and names an author who sent feedback meanwhile', async () => {
  const retro = await startRetro(t, t.user('UFAC'), 'Winter campaign');
  await addFeedback(t, t.user('UALICE'), retro, { start: 'Landing page A/B test' }, false);
  const releaseFirst = t.slack.hold('users.info');
  const pressed = t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
  await t.slack.waitForCall('users.info', (c) => c.body.user === 'UALICE');
  expect(await rowIsFree(retro.id)).toBe(true);

  // Bob's item is stored after Alice's name was asked and before the phase moves.
  await addFeedback(t, t.user('UBOB'), retro, { stop: 'Friday sends' }, false);
  const releaseSecond = t.slack.hold('users.info');
  releaseFirst();
  await t.slack.waitForCall('users.info', (c) => c.body.user === 'UBOB');
  expect(await rowIsFree(retro.id)).toBe(true);
  expect(await phaseOf(t, retro.id)).toBe('collecting');

  releaseSecond();
  await pressed;
  await waitFor(async () => (await phaseOf(t, retro.id)) === 'voting' || undefined, 'the retro to be voting');
  await t.rearview.features.outbox.flush();
  const posted = t.slack
    .callsOf('chat.postMessage')
    .filter((c) => c.body.thread_ts === retro.cardTs)
    .map((c) => JSON.stringify(c.body.blocks))
    .join('\n');
  expect(posted).toContain('Landing page A/B test — _Alice_');
  expect(posted).toContain('Friday sends — _Bob_');
});
