import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { stateOf } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addPeople, startRetro } from './retro-helpers.js';

/** The feedback deadline the setup modal suggests: 17:00 three days on, on the facilitator's own clock. */

const NOW = new Date('2026-11-24T15:00:00.000Z');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(NOW);
  addPeople(t, ['UTOKYO'], 'Asia/Tokyo');
  addPeople(t, ['UNYC'], 'America/New_York');
});
afterAll(() => t?.close());

const deadlineOf = (view: { blocks: Record<string, any>[] }): number =>
  view.blocks.find((b) => b.block_id === SETUP_IDS.blocks.deadline)?.element.initial_date_time;

async function openSetup(userId: string, channelId: string) {
  const before = t.slack.calls.length;
  const reply = await t.user(userId, channelId).command('start Winter campaign');
  expect(reply.status).toBe(200);
  return t.user(userId, channelId).waitForView(before);
}

describe('the default feedback deadline', () => {
  it('is 17:00 in Tokyo for a facilitator in Tokyo, and stored as such when kept', async () => {
    const view = await openSetup('UTOKYO', 'C0TOKYO');
    // Three days on it is 2026-11-28 00:00 in Tokyo (UTC+9): 17:00 that day is 08:00 UTC.
    const tokyo = Date.parse('2026-11-28T08:00:00Z') / 1000;
    expect(deadlineOf(view)).toBe(tokyo);

    const retro = await startRetro(t, t.user('UTOKYO', 'C0TOKYO'), 'Winter campaign');
    const row = await t.database.db
      .selectFrom('retros')
      .select('deadline_at')
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row.deadline_at?.toISOString()).toBe('2026-11-28T08:00:00.000Z');
  });

  it('is 17:00 in New York for a facilitator there, also after the kind is changed', async () => {
    const view = await openSetup('UNYC', 'C0NYC');
    // 2026-11-27 10:00 in New York (UTC−5): 17:00 that day is 22:00 UTC.
    const newYork = Date.parse('2026-11-27T22:00:00Z') / 1000;
    expect(deadlineOf(view)).toBe(newYork);

    const before = t.slack.calls.length;
    await t.user('UNYC', 'C0NYC').press(SETUP_IDS.kindSelect, undefined, {
      view: { ...view, state: { values: stateOf(view, { [SETUP_IDS.blocks.kind]: 'launch' }) } },
    });
    const update = await t.slack.waitForCall('views.update', () => true, before);
    expect(deadlineOf(update.body.view)).toBe(newYork);
  });

  it('is 17:00 UTC when Slack does not say where the facilitator is', async () => {
    // Not a known user: users.info answers user_not_found.
    const view = await openSetup('UNOWHERE', 'C0NOWHERE');
    expect(deadlineOf(view)).toBe(Date.parse('2026-11-27T17:00:00Z') / 1000);
  });
});
