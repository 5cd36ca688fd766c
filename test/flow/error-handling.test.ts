import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { startRetro } from './retro-helpers.js';

describe('when a listener fails unexpectedly', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('tells the user something went wrong, logs it once, and keeps serving', async () => {
    await sql`alter table retros rename to retros_away`.execute(t.database.db);
    try {
      // It failed before acknowledging, so the acknowledgement itself carries the apology.
      const sorry = await t.user('U1').command('status');
      expect(sorry.json).toMatchObject({ response_type: 'ephemeral' });
      expect(sorry.json?.text).toContain('something went wrong');
      const logged = t.logs.filter((l) => l.includes('listener failed'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('"request":"slash_command"');
    } finally {
      await sql`alter table retros_away rename to retros`.execute(t.database.db);
    }
    const ok = await t.user('U1').command('status');
    expect(ok.json?.text).toContain('no open retro');
  });

  it('tells whoever pressed a button that the window took too long to open, when Slack says its trigger expired', async () => {
    const retro = await startRetro(t, t.user('U1'), 'Trigger');
    t.slack.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    const before = t.slack.responses.length;
    await t.user('U2').press(ACTIONS.addFeedback, retro.id, { messageTs: retro.cardTs });
    const told = await t.slack.waitForResponse(() => true, before);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(told.body.text).toBe('Sorry, that window took too long to open. Please try again.');
  });
});
