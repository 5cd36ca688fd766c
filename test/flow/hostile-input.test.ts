import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, expectFeedbackSaved, startRetro } from './retro-helpers.js';

/** Input at the edges: what a careless paste or a curious tester types. */
describe('input at the edges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it.each([
    ['a 400-digit target', `Pipeline | ${'9'.repeat(400)} | | $ | higher`, 'too large'],
    ['an actual past a million billion', 'Leads | 100 | 10000000000000000 | | higher', 'too large'],
    ['a target that is not a number', 'Leads | lots | | | higher', 'not a number'],
  ])('refuses %s inline, on the KPI field, and stores no retro', async (_case, kpis, error) => {
    const fac = t.user('UFAC', `C0KPI${kpis.length}`);
    const before = t.slack.calls.length;
    await fac.command('start Edge cases');
    const view = await fac.waitForView(before);
    const reply = await fac.submit(view, { [SETUP_IDS.blocks.kpis]: kpis });
    expect(reply.json?.response_action).toBe('errors');
    expect(String(reply.json?.errors?.[SETUP_IDS.blocks.kpis])).toContain(error);
    const stored = await t.database.db
      .selectFrom('retros')
      .select('id')
      .where('title', '=', 'Edge cases')
      .execute();
    expect(stored).toEqual([]);
  });

  it('drops NUL and other control characters from titles and feedback instead of failing', async () => {
    const fac = t.user('UFAC', 'C0NUL');
    const retro = await startRetro(t, fac, 'Launch\u0000 review\u0007');
    const reply = await addFeedback(
      t,
      t.user('UANN', 'C0NUL'),
      retro,
      { start: 'Case\u0000 studies\u001b' },
      true,
    );
    expectFeedbackSaved(reply);
    const row = await t.database.db
      .selectFrom('retros')
      .select('title')
      .where('id', '=', retro.id)
      .executeTakeFirst();
    expect(row?.title).toBe('Launch review');
    const items = await t.database.db
      .selectFrom('feedback_items')
      .select('body')
      .where('retro_id', '=', retro.id)
      .execute();
    expect(items.map((i) => i.body)).toEqual(['Case studies']);
  });
});
