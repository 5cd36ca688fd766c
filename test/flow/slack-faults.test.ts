import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, messageText, startRetro } from './retro-helpers.js';

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
    t.slack.fail('chat.postEphemeral', { kind: 'http', status: 500 });
    const before = t.slack.calls.length;
    await addFeedback(t, t.user('U1'), retro, { start: 'Try podcasts' }, true);
    const receipt = await t.slack.waitForCall('chat.postEphemeral', (c) => c.result?.ok === true, before);
    expect(receipt.body.text).toContain('Thanks!');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.postEphemeral')).toHaveLength(2);
  });

  it('still stores feedback and tells the user by DM when the channel refuses the ephemeral receipt', async () => {
    t = await startTestApp();
    const retro = await startRetro(t, t.user('UFAC'), 'Private launch');
    t.slack.fail('chat.postEphemeral', { kind: 'error', error: 'user_not_in_channel' });
    const before = t.slack.calls.length;
    const reply = await addFeedback(t, t.user('U1'), retro, { stop: 'Stop cold email' }, false);
    expect(reply.json?.response_action).toBeUndefined();
    const dm = await t.slack.waitForCall('chat.postMessage', (c) => c.body.channel === 'U1', before);
    expect(dm.body.text).toContain('Thanks!');
    const items = await t.database.db.selectFrom('feedback_items').select('body').execute();
    expect(items).toEqual([{ body: 'Stop cold email' }]);
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
