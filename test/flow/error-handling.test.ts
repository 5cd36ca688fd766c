import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

describe('when a listener fails unexpectedly', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('tells the user something went wrong, logs it once, and keeps serving', async () => {
    await sql`alter table retros rename to retros_away`.execute(t.database.db);
    try {
      const before = t.slack.responses.length;
      await t.user('U1').command('status');
      const sorry = await t.slack.waitForResponse(() => true, before);
      expect(sorry.body).toMatchObject({ response_type: 'ephemeral' });
      expect(sorry.body.text).toContain('something went wrong');
      const logged = t.logs.filter((l) => l.includes('listener failed'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('"request":"slash_command"');
    } finally {
      await sql`alter table retros_away rename to retros`.execute(t.database.db);
    }
    const ok = await t.user('U1').command('status');
    expect(ok.json?.text).toContain('no open retro');
  });
});
