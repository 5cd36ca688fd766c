import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_IDS } from '../../src/schedules/schedules.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { messageText } from './retro-helpers.js';
import {
  channelPosts,
  closeOpenRetros,
  dmsTo,
  monthlyFields,
  retrosOf,
  scheduleRow,
  scheduleThroughModal,
  tick,
} from './schedule-helpers.js';

/** Several copies of the bot on one database: each occurrence starts once, its card is posted once. */

const B = SCHEDULE_IDS.blocks;
const MINUTE = 60_000;

let first: TestApp;
let copies: TestApp[];

/** Every copy's clock at one instant (each has its own). */
function setClocks(at: string | Date): void {
  for (const copy of copies) copy.clock.set(new Date(at));
}

/** Every copy runs all its jobs at the same moment. */
async function tickAll(): Promise<void> {
  await Promise.all(copies.map((c) => c.rearview.scheduler?.tick()));
  await Promise.all(copies.map((c) => c.rearview.features.outbox.flush()));
}

beforeAll(async () => {
  first = await startTestApp();
  copies = [first, await startTestApp({ copyOf: first }), await startTestApp({ copyOf: first })];
  first.slack.addUser({ id: 'UFAC', name: 'Fran', tz: 'Europe/Berlin' });
  first.slack.addUser({ id: 'UCO', name: 'Cora', tz: 'America/New_York' });
  for (const channel of ['C0COPIES', 'C0DOWN', 'C0LEASE', 'C0BUSY']) {
    first.slack.members.set(channel, ['UREARVIEW', 'UFAC', 'UCO']);
  }
});
afterAll(async () => {
  for (const copy of [...(copies ?? [])].reverse()) await copy.close();
});

describe('three copies at the same instant', () => {
  it('start each occurrence once and post one card', async () => {
    await scheduleThroughModal(first, first.user('UFAC', 'C0COPIES'), monthlyFields(['UFAC', 'UCO']));
    const start = (await scheduleRow(first, 'C0COPIES')).next_start_at as Date;
    expect(start.toISOString()).toBe('2026-11-27T14:00:00.000Z');

    const before = first.slack.calls.length;
    for (const m of [0, 1, 2]) {
      setClocks(new Date(start.getTime() + m * MINUTE));
      await tickAll();
    }
    const retros = await retrosOf(first, 'C0COPIES');
    expect(retros).toHaveLength(1);
    expect(retros[0]?.created_at.toISOString()).toBe(start.toISOString());
    expect(channelPosts(first, 'C0COPIES', before)).toHaveLength(1);

    // The next occurrence too.
    await closeOpenRetros(first, 'C0COPIES');
    const next = (await scheduleRow(first, 'C0COPIES')).next_start_at as Date;
    expect(next.toISOString()).toBe('2026-12-25T14:00:00.000Z');
    setClocks(next);
    await tickAll();
    await tickAll();
    expect(await retrosOf(first, 'C0COPIES')).toHaveLength(2);
    expect(channelPosts(first, 'C0COPIES', before)).toHaveLength(2);
    await closeOpenRetros(first, 'C0COPIES');
  });

  it('post the card of a retro whose starter died before posting it, once, after its lease', async () => {
    await scheduleThroughModal(first, first.user('UFAC', 'C0LEASE'), {
      ...monthlyFields(['UFAC']),
      [B.frequency]: 'month',
    });
    const start = (await scheduleRow(first, 'C0LEASE')).next_start_at as Date;
    setClocks(start);
    await first.rearview.scheduler?.tick();
    const [retro] = await retrosOf(first, 'C0LEASE');
    expect(retro?.card_ts).toBeTruthy();
    // As if the copy had died after its commit: no card stored, its lease still running.
    await first.database.db
      .updateTable('retros')
      .set({ card_ts: null })
      .where('id', '=', retro?.id as string)
      .execute();
    const before = first.slack.calls.length;
    setClocks(new Date(start.getTime() + MINUTE));
    await tickAll();
    expect(channelPosts(first, 'C0LEASE', before)).toHaveLength(0);
    // Once the lease has run out, one copy posts it.
    setClocks(new Date(start.getTime() + 3 * MINUTE));
    await tickAll();
    await tickAll();
    const cards = channelPosts(first, 'C0LEASE', before);
    expect(cards).toHaveLength(1);
    const [after] = await retrosOf(first, 'C0LEASE');
    expect(after?.card_ts).toBe(cards[0]?.result?.ts);
    await closeOpenRetros(first, 'C0LEASE');
  });
});

describe('a copy that was down at the start', () => {
  it('starts it when it comes back the same day, and skips it when it comes back the next day', async () => {
    setClocks('2026-11-24T15:00:00Z');
    await scheduleThroughModal(first, first.user('UFAC', 'C0DOWN'), monthlyFields(['UFAC', 'UCO']));
    const start = (await scheduleRow(first, 'C0DOWN')).next_start_at as Date;
    expect(start.toISOString()).toBe('2026-11-27T14:00:00.000Z');

    // Back at 17:30 in Berlin, the same day.
    setClocks('2026-11-27T16:30:00Z');
    let before = first.slack.calls.length;
    await tick(first);
    const [late] = await retrosOf(first, 'C0DOWN');
    expect(late?.scheduled_for?.toISOString()).toBe(start.toISOString());
    expect(late?.created_at.toISOString()).toBe('2026-11-27T16:30:00.000Z');
    expect(channelPosts(first, 'C0DOWN', before)).toHaveLength(1);
    await closeOpenRetros(first, 'C0DOWN');

    // Down over 25 December; back the next morning in Berlin.
    setClocks('2026-12-26T08:00:00Z');
    before = first.slack.calls.length;
    await tick(first);
    await tick(first);
    expect(await retrosOf(first, 'C0DOWN')).toHaveLength(1);
    expect(channelPosts(first, 'C0DOWN', before)).toHaveLength(0);
    expect((await scheduleRow(first, 'C0DOWN')).next_start_at?.toISOString()).toBe(
      '2027-01-29T14:00:00.000Z',
    );
    for (const user of ['UFAC', 'UCO']) {
      const dms = dmsTo(first, user, before).map((c) => messageText(c.body));
      expect(dms).toHaveLength(1);
      expect(dms[0]).toContain('did not start on');
      expect(dms[0]).toContain(`<!date^${Date.parse('2027-01-29T14:00:00Z') / 1000}^`);
    }
  });

  it('skips a start while the channel still has an open retro, and tells the facilitators why', async () => {
    setClocks('2026-11-24T15:00:00Z');
    await scheduleThroughModal(first, first.user('UFAC', 'C0BUSY'), monthlyFields(['UFAC']));
    await first.database.db
      .insertInto('retros')
      .values({
        id: '00000000-0000-4000-8000-00000000b051',
        team_id: first.slack.teamId,
        channel_id: 'C0BUSY',
        title: 'Started by hand',
        kind: 'other',
        template: 'start_stop_continue',
        phase: 'collecting',
        deadline_at: null,
        created_by: 'UCO',
        facilitator_ids: [],
        card_ts: '1700000000.000001',
        reminder_sent_at: null,
        revealed_at: null,
        discussing_at: null,
        close_reminder_sent_at: null,
        closed_at: null,
      })
      .execute();
    setClocks('2026-11-27T14:00:00Z');
    const before = first.slack.calls.length;
    await tickAll();
    const retros = await retrosOf(first, 'C0BUSY');
    expect(retros.map((r) => r.title)).toEqual(['Started by hand']);
    const dms = dmsTo(first, 'UFAC', before).map((c) => messageText(c.body));
    expect(dms).toHaveLength(1);
    expect(dms[0]).toContain('still had an open retro');
    expect((await scheduleRow(first, 'C0BUSY')).next_start_at?.toISOString()).toBe(
      '2026-12-25T14:00:00.000Z',
    );
  });
});
