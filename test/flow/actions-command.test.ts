import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { insertActionItems, messageText } from './retro-helpers.js';

describe('/retro actions and /retro settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const today = t.clock.now().toISOString().slice(0, 10);
    await insertActionItems(t, [
      { title: 'Rewrite the pricing page', ownerId: 'U1', dueDate: '2020-01-06' },
      {
        title: 'Brief sales on the launch',
        ownerId: 'U1',
        dueDate: today.replace(/^\d{4}/, (y) => String(Number(y) + 1)),
      },
      { title: 'Already shipped', ownerId: 'U1', dueDate: '2020-01-01', status: 'done' },
      { title: 'Someone else’s', ownerId: 'U2', dueDate: '2030-01-01' },
    ]);
  });
  afterAll(() => t?.close());

  it('lists my open action items, overdue first, and not done ones', async () => {
    const reply = await t.user('U1').command('actions');
    expect(reply.json?.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.json?.blocks);
    expect(messageText(reply.json ?? {})).toContain('You have 2 open action items, 1 overdue');
    expect(text.indexOf('Rewrite the pricing page')).toBeLessThan(text.indexOf('Brief sales on the launch'));
    expect(text).toContain('overdue');
    expect(text).not.toContain('Already shipped');
    expect(text).not.toContain('Someone else');
  });

  it.each([
    ['<@U2|bo>', 'has 1 open action item'],
    ['<@U9>', 'has no open action items'],
  ])('lists the action items of %s', async (mention, expected) => {
    const reply = await t.user('U1').command(`actions ${mention}`);
    expect(messageText(reply.json ?? {})).toContain(expected);
  });

  it('explains how to mention someone when the argument is not a mention', async () => {
    const reply = await t.user('U1').command('actions maria');
    expect(reply.json?.text).toContain('Mention one person');
  });

  it('opens the follow-up settings modal', async () => {
    const before = t.slack.calls.length;
    const reply = await t.user('U1').command('settings');
    expect(reply.status).toBe(200);
    expect((await t.user('U1').waitForView(before)).callback_id).toBe('retro_settings');
  });
});
