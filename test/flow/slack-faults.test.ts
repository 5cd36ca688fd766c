import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { QUIET_MS } from '../../src/retro/card-counts.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, expectFeedbackSaved, messageText, startRetro } from './retro-helpers.js';

describe('when Slack pushes back', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('waits out a 429 for its Retry-After and then posts the card', async () => {
    t = await startTestApp({ retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 } });
    t.slack.fail('chat.postMessage', { kind: 'rate_limited', retryAfter: 1 });
    const retro = await startRetro(t, t.user('UFAC'), 'Rate limited launch');
    const posts = t.slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.body).toEqual(posts[1]?.body);
    expect(retro.cardTs).toBeTruthy();
  });

  it('retries a Slack 500 and carries on', async () => {
    t = await startTestApp({ retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 } });
    const retro = await startRetro(t, t.user('UFAC'), 'Flaky launch');
    t.slack.fail('chat.update', { kind: 'http', status: 500 });
    const before = t.slack.calls.length;
    const reply = await addFeedback(t, t.user('U1'), retro, { start: 'Try podcasts' }, true);
    expectFeedbackSaved(reply);
    // The card's edit that follows the submission is refused once; the outbox tries it again when its
    // backoff has passed, and it gets through (after the quiet spell, so with the lone submission counted).
    await t.slack.waitForCall('chat.update', () => true, before);
    t.clock.advance(QUIET_MS);
    await t.rearview.features.outbox.flush();
    const card = await t.slack.waitForCall('chat.update', (c) => c.result?.ok === true, before);
    expect(messageText(card.body)).toContain('1 contributor');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.update')).toHaveLength(2);
  });

  it('shows the receipt in the modal, so a channel the bot cannot post in changes nothing', async () => {
    t = await startTestApp();
    const retro = await startRetro(t, t.user('UFAC'), 'Private launch');
    t.slack.fail('chat.postEphemeral', { kind: 'error', error: 'user_not_in_channel' });
    const before = t.slack.calls.length;
    const reply = await addFeedback(t, t.user('U1'), retro, { stop: 'Stop cold email' }, false);
    expectFeedbackSaved(reply);
    expect(JSON.stringify(reply.json?.view)).toContain('You added 1 item');
    const items = await t.database.db.selectFrom('feedback_items').select('body').execute();
    expect(items).toEqual([{ body: 'Stop cold email' }]);
    expect(t.slack.calls.slice(before).filter((c) => c.body.channel === 'U1')).toEqual([]);
  });

  it('updates the card and records the refusal when Slack refuses the reveal for good', async () => {
    const app = await startTestApp();
    t = app;
    const retro = await startRetro(t, t.user('UFAC'), 'Refused reveal');
    await addFeedback(t, t.user('U1'), retro, { start: 'Host a meetup' }, true);
    t.slack.fail('chat.postMessage', { kind: 'error', error: 'restricted_action' });
    const before = t.slack.calls.length;
    await t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    const card = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && /Voting/.test(messageText(c.body)),
      before,
    );
    // The reveal was queued with the phase change; a refusal that cannot change is kept on its row.
    const refused = await waitFor(
      () =>
        app.database.db
          .selectFrom('outbox')
          .select(['last_error', 'sent_at'])
          .where('failed_at', 'is not', null)
          .executeTakeFirst(),
      'the refusal to be recorded',
    );
    expect(refused).toMatchObject({
      last_error: expect.stringContaining('restricted_action'),
      sent_at: null,
    });
    expect(card.body.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(true);
  });
});
