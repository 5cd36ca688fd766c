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

  it("shows the weekly reminder in the reader's own zone from the first open, and keeps that zone", async () => {
    const readers = [
      { id: 'UCHI', tz: 'America/Chicago' },
      { id: 'ULAX', tz: 'America/Los_Angeles' },
      { id: 'UBER', tz: 'Europe/Berlin' },
    ];
    for (const { id, tz } of readers) {
      t.slack.addUser({ id, name: id.toLowerCase(), tz });
      const text = await published(id, await open(id));
      // No open items yet: the reminder is described for when they have some.
      expect(text).toContain(`Weekly reminder, once you have open items: Mondays at 09:00 your time (${tz})`);
      expect(text).not.toContain('UTC');
      const stored = await t.database.db
        .selectFrom('user_time_zones')
        .select('tz')
        .where('user_id', '=', id)
        .executeTakeFirst();
      expect(stored?.tz).toBe(tz);
    }
  });

  it('asks Slack again only for a zone kept over a week, and keeps it when Slack does not answer', async () => {
    t.slack.addUser({ id: 'UTOK', name: 'tok', tz: 'Asia/Tokyo' });
    await published('UTOK', await open('UTOK'));
    const again = await open('UTOK');
    expect(await published('UTOK', again)).toContain('Mondays at 09:00 your time (Asia/Tokyo)');
    expect(t.slack.calls.slice(again).filter((c) => c.method === 'users.info')).toEqual([]);

    const week = 8 * 24 * 3600_000;
    t.clock.advance(week);
    try {
      t.slack.refuse('users.info', (body) => body.user === 'UTOK', {
        kind: 'error',
        error: 'internal_error',
      });
      const later = await open('UTOK');
      expect(await published('UTOK', later)).toContain('Mondays at 09:00 your time (Asia/Tokyo)');
      expect(t.slack.calls.slice(later).filter((c) => c.method === 'users.info')).toHaveLength(1);
    } finally {
      t.clock.advance(-week);
    }
  });

  it("says the reminder's time in UTC, not as the reader's own, when Slack does not tell the zone", async () => {
    // U1 is no user the fake Slack knows: users.info answers user_not_found.
    const text = await published('U1', await open('U1'));
    expect(text).toContain('Weekly reminder of your open items: Mondays at 09:00 UTC');
    expect(text).not.toContain('your time');
  });

  it('lists each retro once: one I facilitate under "Retros you facilitate" only', async () => {
    for (const userId of ['UFAC', 'UCO']) {
      const text = await published(userId, await open(userId));
      expect(text.split('Q3 launch').length - 1).toBe(1);
      const recent = text.slice(text.indexOf('Recent retros'));
      expect(recent).not.toContain('Q3 launch');
      expect(recent).not.toContain('No retros yet');
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
