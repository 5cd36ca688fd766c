import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, insertActionItems, messageText, startRetro } from './retro-helpers.js';

describe('App Home', () => {
  let t: TestApp;
  const open = async (userId: string, tab = 'home') => {
    const before = t.slack.calls.length;
    const reply = await t.sender.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab });
    expect(reply.status).toBe(200);
    return before;
  };
  const published = async (userId: string, before: number) => {
    const call = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === userId, before);
    expect(call.body.view.type).toBe('home');
    expect(call.body.view.blocks.length).toBeLessThanOrEqual(100);
    return messageText({ blocks: call.body.view.blocks });
  };

  beforeAll(async () => {
    t = await startTestApp();
    const retro = await startRetro(t, t.user('UFAC'), 'Q3 launch', { facilitators: ['UCO'] });
    await addFeedback(t, t.user('U1'), retro, { start: 'More webinars' }, true);
    await startRetro(t, t.user('UZED', 'C0OTHER'), 'Partner program');
    await insertActionItems(t, [
      { title: 'Publish the webinar calendar', ownerId: 'U1', dueDate: '2020-02-03', retroId: retro.id },
    ]);
  });
  afterAll(() => t?.close());

  it('shows my open action items and the recent retros of channels I took part in', async () => {
    const text = await published('U1', await open('U1'));
    expect(text).toContain('Publish the webinar calendar');
    expect(text).toContain('overdue');
    expect(text).toMatch(/Q3 launch\* in <#C0RETRO> — Collecting/);
    expect(text).not.toContain('Partner program');
    expect(text).toContain('None open right now.');
    // When the weekly reminder comes, by the workspace's defaults.
    expect(text).toContain('Weekly reminder of your open items: Mondays at 09:00');
  });

  it('lists the retros I facilitate, as creator or co-facilitator', async () => {
    for (const userId of ['UFAC', 'UCO']) {
      const text = await published(userId, await open(userId));
      const facilitating = text.slice(text.indexOf('Retros you facilitate'), text.indexOf('Recent retros'));
      expect(facilitating).toContain('Q3 launch');
      expect(facilitating).not.toContain('Partner program');
    }
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    const before = await open('U1', 'messages');
    await t.sender.event({ type: 'app_home_opened', user: 'UCO', channel: 'DUCO', tab: 'home' });
    await t.slack.waitForCall('views.publish', (c) => c.body.user_id === 'UCO', before);
    expect(
      t.slack.calls.slice(before).filter((c) => c.method === 'views.publish' && c.body.user_id === 'U1'),
    ).toEqual([]);
  });
});
