import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_IDS } from '../../src/schedules/schedules.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { insertActionItems, messageText } from './retro-helpers.js';
import {
  channelPosts,
  closeOpenRetros,
  dmsTo,
  monthlyFields,
  retrosOf,
  scheduleRow,
  scheduleThroughModal,
} from './schedule-helpers.js';

/** A day before each scheduled start, each facilitator is asked once to prepare: KPI actuals and open actions. */

const CHANNEL = 'C0RETRO';
const MINUTE = 60_000;

let t: TestApp;
let copy: TestApp;

function setClocks(at: string | Date): void {
  for (const app of [t, copy]) app.clock.set(new Date(at));
}

/** Both copies run every job at the same moment, then send what they queued. */
async function tickBoth(): Promise<void> {
  await Promise.all([t, copy].map((app) => app.rearview.scheduler?.tick()));
  await Promise.all([t, copy].map((app) => app.rearview.features.outbox.flush()));
}

function preparationDms(userId: string, after = 0): RecordedCall[] {
  return dmsTo(t, userId, after).filter((c) => messageText(c.body).includes('Time to prepare'));
}

/** Presses the DM's *Fill in KPI actuals* as `userId` and returns the modal it opened. */
async function pressPrepare(dm: RecordedCall, userId: string) {
  const button = (dm.body.blocks as Record<string, any>[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements)
    .find((e) => e.action_id === SCHEDULE_IDS.prepareKpis);
  expect(button).toBeDefined();
  const before = t.slack.calls.length;
  await t.sender.blockAction(
    { userId, channelId: String(dm.body.channel) },
    { actionId: SCHEDULE_IDS.prepareKpis, value: button.value },
    { messageTs: String(dm.result?.ts) },
  );
  const opened = await t.slack.waitForCall('views.open', () => true, before);
  return { ...opened.body.view, id: opened.result?.view?.id, state: { values: {} } };
}

beforeAll(async () => {
  t = await startTestApp();
  copy = await startTestApp({ copyOf: t });
  t.slack.addUser({ id: 'UFAC', name: 'Fran', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: 'UCO', name: 'Cora', tz: 'America/New_York' });
  t.slack.addUser({ id: 'UOTHER', name: 'Otto' });
  t.slack.members.set(CHANNEL, ['UREARVIEW', 'UFAC', 'UCO', 'UOTHER']);
  await insertActionItems(t, [
    { title: 'Refresh the pricing page', ownerId: 'UCO', dueDate: '2026-11-30' },
    { title: 'Brief the SDRs on the new ICP', ownerId: 'UFAC', dueDate: '2026-12-04' },
    { title: 'Already done', ownerId: 'UFAC', dueDate: '2026-11-20', status: 'done' },
  ]);
});
afterAll(async () => {
  await copy?.close();
  await t?.close();
});

describe('preparing a scheduled retro', () => {
  it('DMs each facilitator once, a day before the start, with the KPIs and the open actions', async () => {
    await scheduleThroughModal(t, t.user('UFAC', CHANNEL), monthlyFields(['UFAC', 'UCO']));
    const start = (await scheduleRow(t, CHANNEL)).next_start_at as Date;
    expect(start.toISOString()).toBe('2026-11-27T14:00:00.000Z');

    setClocks(new Date(start.getTime() - 24 * 60 * MINUTE - MINUTE));
    await tickBoth();
    expect(preparationDms('UFAC')).toHaveLength(0);

    for (const m of [0, 1, 2, 60]) {
      setClocks(new Date(start.getTime() - 24 * 60 * MINUTE + m * MINUTE));
      await tickBoth();
    }
    for (const user of ['UFAC', 'UCO']) {
      const dms = preparationDms(user);
      expect(dms).toHaveLength(1);
      const text = messageText(dms[0]?.body ?? {});
      // The start as a date token: each reads it on their own clock.
      expect(text).toContain(`<!date^${start.getTime() / 1000}^`);
      expect(text).toContain('Pipeline: target $1,200,000, no actual yet');
      expect(text).toContain('Win rate: target 25%, no actual yet');
      expect(text).toContain('Refresh the pricing page — <@UCO>');
      expect(text).toContain('Brief the SDRs on the new ICP — <@UFAC>');
      expect(text).not.toContain('Already done');
    }
    expect(preparationDms('UOTHER')).toHaveLength(0);
    expect((await scheduleRow(t, CHANNEL)).prepared_for?.toISOString()).toBe(start.toISOString());
  });

  it('keeps the actuals typed from the DM for the start, and the card shows them', async () => {
    const [dm] = preparationDms('UFAC');
    const modal = await pressPrepare(dm as RecordedCall, 'UFAC');
    expect(modal.callback_id).toBe(SCHEDULE_IDS.prepareView);
    expect(
      modal.blocks.filter((b: { type: string }) => b.type === 'input').map((b: any) => b.label.text),
    ).toEqual(['Pipeline', 'Win rate']);
    const bad = await t.user('UFAC', String(dm?.body.channel)).submit(modal, { prep_kpi_0: 'lots' });
    expect(bad.json?.response_action).toBe('errors');
    expect(bad.json?.errors?.prep_kpi_0).toMatch(/not a number/);
    const saved = await t.user('UFAC', String(dm?.body.channel)).submit(modal, {
      prep_kpi_0: '1.15m',
      prep_kpi_1: '27%',
    });
    expect(saved.json?.response_action).toBe('update');
    expect(messageText({ blocks: saved.json?.view?.blocks })).toContain('Saved');

    // Someone who does not facilitate it cannot.
    const other = await pressPrepare(dm as RecordedCall, 'UOTHER');
    expect(messageText({ blocks: other.blocks })).toContain('Only the facilitators of this schedule');

    const start = (await scheduleRow(t, CHANNEL)).next_start_at as Date;
    setClocks(start);
    const before = t.slack.calls.length;
    await tickBoth();
    const [card] = channelPosts(t, CHANNEL, before);
    const text = messageText(card?.body ?? {});
    expect(text).toContain('*Pipeline*: $1,150,000 vs target $1,200,000');
    expect(text).toContain('*Win rate*: 27% vs target 25%');
    const [retro] = await retrosOf(t, CHANNEL);
    expect(retro?.card_ts).toBe(card?.result?.ts);
  });

  it('tells a facilitator who presses after the start that it started, with a link to the card', async () => {
    const [dm] = preparationDms('UCO');
    const modal = await pressPrepare(dm as RecordedCall, 'UCO');
    const text = messageText({ blocks: modal.blocks });
    const [retro] = await retrosOf(t, CHANNEL);
    expect(text).toContain('already started');
    expect(text).toContain(
      `https://fake.slack.test/archives/${CHANNEL}/p${String(retro?.card_ts).replace('.', '')}`,
    );
  });

  it('asks again, once, a day before the next start', async () => {
    await closeOpenRetros(t, CHANNEL);
    const next = (await scheduleRow(t, CHANNEL)).next_start_at as Date;
    expect(next.toISOString()).toBe('2026-12-25T14:00:00.000Z');
    const before = t.slack.calls.length;
    for (const m of [0, 1, 30]) {
      setClocks(new Date(next.getTime() - 24 * 60 * MINUTE + m * MINUTE));
      await tickBoth();
    }
    for (const user of ['UFAC', 'UCO']) {
      const dms = preparationDms(user, before);
      expect(dms).toHaveLength(1);
      // The actuals of the last start are not offered again.
      expect(messageText(dms[0]?.body ?? {})).toContain('Pipeline: target $1,200,000, no actual yet');
    }
  });
});
