import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderDueAt } from '../../src/phase-change/reminders.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, messageText, type StartedRetro, startRetro } from './retro-helpers.js';

describe('the reminder before the deadline', () => {
  let t: TestApp;
  let retro: StartedRetro;
  let deadline: Date;
  const dms = (after = 0) =>
    t.slack.calls
      .slice(after)
      .filter((c) => c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D'));

  beforeAll(async () => {
    t = await startTestApp();
    t.slack.members.set('C0RETRO', ['UREARVIEW', 'UFAC', 'U1', 'U2', 'U3']);
    retro = await startRetro(t, t.user('UFAC'), 'Spring campaign');
    await addFeedback(t, t.user('U1'), retro, { start: 'More video' }, true);
    const row = await t.database.db
      .selectFrom('retros')
      .selectAll()
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    deadline = row.deadline_at as Date;
  });
  afterAll(() => t?.close());

  it('is not sent before it is due', async () => {
    const before = t.slack.calls.length;
    t.clock.set(new Date(reminderDueAt(t.clock.now(), deadline).getTime() - 60 * 60_000));
    await t.rearview.scheduler?.tick();
    expect(dms(before)).toEqual([]);
  });

  it('goes once to each member who has not contributed (not the bot), with a working button', async () => {
    const row = await t.database.db
      .selectFrom('retros')
      .selectAll()
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    t.clock.set(new Date(deadline.getTime() - 23 * 60 * 60_000));
    expect(reminderDueAt(row.created_at, deadline).getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
    const before = t.slack.calls.length;
    await t.rearview.scheduler?.tick();
    const sent = dms(before);
    expect(sent.map((c) => c.body.channel).sort()).toEqual(['D2', 'D3', 'DFAC']);
    expect(messageText(sent[0]?.body ?? {})).toContain('Spring campaign');
    // Members were read page by page (the fake pages two at a time).
    expect(t.slack.callsOf('conversations.members').length).toBeGreaterThan(1);

    const again = t.slack.calls.length;
    await t.rearview.scheduler?.tick();
    expect(dms(again)).toEqual([]);

    const opened = t.slack.calls.length;
    await t.sender.blockAction(
      { userId: 'U2', channelId: 'DU2' },
      { actionId: ACTIONS.addFeedback, value: retro.id },
    );
    const view = await t.user('U2').waitForView(opened);
    expect(view.callback_id).toBe('retro_feedback');
  });

  it('moves the retro to voting at the deadline', async () => {
    t.clock.set(new Date(deadline.getTime() + 1000));
    await t.rearview.scheduler?.tick();
    const row = await t.database.db
      .selectFrom('retros')
      .select('phase')
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row.phase).toBe('voting');
  });
});
