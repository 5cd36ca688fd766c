import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { expectFeedbackSaved, openFromCard, type StartedRetro, startRetro } from './retro-helpers.js';

describe('when the database fails during a feedback submission', () => {
  let t: TestApp;
  let retro: StartedRetro;

  beforeAll(async () => {
    t = await startTestApp();
    retro = await startRetro(t, t.user('UFAC'), 'Webinar series');
  });
  afterAll(() => t?.close());

  it('keeps the modal open with the text, stores nothing, and takes the same text on retry', async () => {
    // Fails the last write of a submission, after the items themselves were inserted.
    await sql`create function rv_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'simulated storage failure'; end $$`.execute(t.database.db);
    await sql`create trigger rv_test_fail before insert on retro_participation
      for each row execute function rv_test_fail()`.execute(t.database.db);

    const user = t.user('U1');
    const view = await openFromCard(t, user, ACTIONS.addFeedback, retro);
    const values = { section_start: 'Launch the podcast\n\nInvite customers', anonymous: true };
    const calls = t.slack.calls.length;
    const failed = await user.submit(view, values);
    expect(failed.status).toBe(200);
    expect(failed.json?.response_action).toBe('errors');
    expect(failed.json?.errors?.section_start).toContain('Your text is still here');
    // Nothing half-stored: neither the items nor the participation.
    expect(await t.database.db.selectFrom('feedback_items').selectAll().execute()).toEqual([]);
    expect(await t.database.db.selectFrom('retro_participation').selectAll().execute()).toEqual([]);
    expect(t.slack.calls.slice(calls).filter((c) => c.method === 'chat.postEphemeral')).toEqual([]);
    // The failure is logged without the text or the person.
    const logged = t.logs.filter((l) => l.includes('could not store feedback'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain('Launch the podcast');
    expect(logged[0]).not.toContain('U1');

    await sql`drop trigger rv_test_fail on retro_participation`.execute(t.database.db);
    const retried = await user.submit(view, values);
    expectFeedbackSaved(retried);
    const items = await t.database.db
      .selectFrom('feedback_items')
      .select(['body', 'author_id'])
      .orderBy('body')
      .execute();
    expect(items).toEqual([
      { body: 'Invite customers', author_id: null },
      { body: 'Launch the podcast', author_id: null },
    ]);
  });
});
