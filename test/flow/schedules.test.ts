import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_IDS } from '../../src/schedules/schedules.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { messageText } from './retro-helpers.js';
import {
  channelPosts,
  closeOpenRetros,
  monthlyFields,
  openScheduleModal,
  retrosOf,
  scheduleRow,
  scheduleThroughModal,
  tick,
} from './schedule-helpers.js';

/** `/retro schedule`: a monthly cadence made through the modal, kept over five months and a change of time. */

const B = SCHEDULE_IDS.blocks;
const CHANNEL = 'C0SCHED';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: 'UFAC', name: 'Fran', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: 'UCO', name: 'Cora', tz: 'America/New_York' });
  t.slack.addUser({ id: 'UOTHER', name: 'Otto', tz: 'Asia/Tokyo' });
  t.slack.addUser({ id: 'UADMIN', name: 'Ada', isAdmin: true });
  t.slack.members.set(CHANNEL, ['UREARVIEW', 'UFAC', 'UCO', 'UOTHER']);
});
afterAll(() => t?.close());

describe('a monthly schedule, the last Friday at 15:00 in Berlin', () => {
  it('offers the modal with the time in the facilitator’s zone and the creator as a facilitator', async () => {
    const view = await openScheduleModal(t, t.user('UFAC', CHANNEL));
    const time = view.blocks.find((b) => b.block_id === B.time);
    expect(time?.label.text).toBe('Time (Europe/Berlin)');
    expect(time?.element.timezone).toBe('Europe/Berlin');
    const facilitators = view.blocks.find((b) => b.block_id === B.facilitators);
    expect(facilitators?.element.initial_users).toEqual(['UFAC']);
    const day = view.blocks.find((b) => b.block_id === B.monthDay);
    expect(day?.hint.text).toContain('last day of shorter months');
    await t.user('UFAC', CHANNEL).close(view);
  });

  it('starts exactly five retros over five months, each at 15:00 Berlin time, summer or winter', async () => {
    const fac = t.user('UFAC', CHANNEL);
    const reply = await scheduleThroughModal(
      t,
      fac,
      monthlyFields(['UFAC', 'UCO'], { [B.startingOn]: '2026-12-01' }),
    );
    expect(messageText(reply.json?.view ?? {})).toContain(
      'the last Friday of each month at 15:00 (Europe/Berlin)',
    );
    const row = await scheduleRow(t, CHANNEL);
    expect(row.next_start_at?.toISOString()).toBe('2026-12-25T14:00:00.000Z');

    const expected = [
      '2026-12-25T14:00:00.000Z',
      '2027-01-29T14:00:00.000Z',
      '2027-02-26T14:00:00.000Z',
      // The 26th, before summer time begins on the 28th.
      '2027-03-26T14:00:00.000Z',
      // After it: 15:00 in Berlin is 13:00Z.
      '2027-04-30T13:00:00.000Z',
    ];
    const before = t.slack.calls.length;
    for (const start of expected.map((iso) => new Date(iso))) {
      // A tick a day in between starts nothing early.
      while (t.clock.now().getTime() < start.getTime() - 3 * MINUTE) {
        await tick(t);
        t.clock.set(new Date(Math.min(t.clock.now().getTime() + DAY, start.getTime() - 3 * MINUTE)));
      }
      // Then every minute boundary near the start, twice each.
      for (let m = -3; m <= 3; m++) {
        t.clock.set(new Date(start.getTime() + m * MINUTE));
        await tick(t);
        await tick(t);
      }
      await closeOpenRetros(t, CHANNEL);
    }

    const retros = await retrosOf(t, CHANNEL);
    expect(retros.map((r) => r.created_at.toISOString())).toEqual(expected);
    expect(retros.map((r) => r.scheduled_for?.toISOString())).toEqual(expected);
    expect(retros.map((r) => r.title)).toEqual([
      'Monthly GTM retro · 25 Dec',
      'Monthly GTM retro · 29 Jan',
      'Monthly GTM retro · 26 Feb',
      'Monthly GTM retro · 26 Mar',
      'Monthly GTM retro · 30 Apr',
    ]);
    expect(retros.every((r) => r.created_by === 'UFAC' && r.facilitator_ids.includes('UCO'))).toBe(true);
    // Feedback is collected for three days by default.
    expect(retros[0]?.deadline_at?.toISOString()).toBe('2026-12-28T14:00:00.000Z');

    // One card each, posted when the retro started.
    const cards = channelPosts(t, CHANNEL, before);
    expect(cards).toHaveLength(5);
    expect(retros.map((r) => r.card_ts)).toEqual(cards.map((c) => c.result?.ts));
    expect(messageText(cards[0]?.body ?? {})).toContain('Monthly GTM retro · 25 Dec');
    expect(messageText(cards[0]?.body ?? {})).toContain('Pipeline');

    expect((await scheduleRow(t, CHANNEL)).next_start_at?.toISOString()).toBe('2027-05-28T13:00:00.000Z');
  });
});

describe('the Home tab', () => {
  const home = async (userId: string) => {
    const before = t.slack.calls.length;
    await t.sender.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
    const call = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === userId, before);
    return messageText({ blocks: call.body.view.blocks });
  };

  it('lists the schedule to its facilitators and to people who took part in its channel’s retros', async () => {
    const text = await home('UCO');
    expect(text).toContain('Scheduled retros');
    expect(text).toContain(
      `*Monthly GTM retro* in <#${CHANNEL}> — the last Friday of each month at 15:00 (Europe/Berlin) · Next: <!date^${Date.parse('2027-05-28T13:00:00Z') / 1000}^`,
    );
    expect(await home('UOTHER')).not.toContain('Scheduled retros');
    const [retro] = await retrosOf(t, CHANNEL);
    await t.database.db
      .insertInto('retro_participation')
      .values({ retro_id: retro?.id as string, team_id: t.slack.teamId, user_ids: ['UOTHER'] })
      .execute();
    expect(await home('UOTHER')).toContain('*Monthly GTM retro*');
  });
});

describe('seeing and changing the schedule', () => {
  const overviewOf = async (userId: string) => {
    const before = t.slack.calls.length;
    await t.user(userId, CHANNEL).command('schedule');
    return t.user(userId, CHANNEL).waitForView(before);
  };

  it('shows it read-only to someone who does not facilitate it, saying who can change it', async () => {
    const view = await overviewOf('UOTHER');
    expect(view.callback_id).toBe(SCHEDULE_IDS.overview);
    const text = messageText({ blocks: view.blocks });
    expect(text).toContain('the last Friday of each month at 15:00 (Europe/Berlin)');
    // The next start as a date token: Slack shows it in the reader's own zone.
    expect(text).toContain(`<!date^${Date.parse('2027-05-28T13:00:00Z') / 1000}^`);
    expect(text).toContain('Facilitators: <@UFAC>, <@UCO>');
    expect(text).toContain(
      'Only its facilitators (<@UFAC>, <@UCO>) and workspace admins can change this schedule.',
    );
    expect(view.blocks.some((b) => b.type === 'actions')).toBe(false);

    // A forged press of a button changes nothing.
    const row = await scheduleRow(t, CHANNEL);
    const before = t.slack.calls.length;
    await t.user('UOTHER', CHANNEL).press(SCHEDULE_IDS.pause, row.id, { view });
    const refused = await t.slack.waitForCall('views.update', () => true, before);
    expect(messageText({ blocks: refused.body.view.blocks })).toContain(
      'Only the facilitators of this schedule and workspace admins can change it.',
    );
    expect((await scheduleRow(t, CHANNEL)).paused).toBe(false);
  });

  it('gives a workspace admin the buttons', async () => {
    const view = await overviewOf('UADMIN');
    const actions = view.blocks.find((b) => b.type === 'actions');
    expect(actions?.elements.map((e: { action_id: string }) => e.action_id)).toEqual([
      SCHEDULE_IDS.edit,
      SCHEDULE_IDS.pause,
      SCHEDULE_IDS.delete,
    ]);
  });

  it('pauses and resumes for a facilitator; resuming counts from now', async () => {
    const co = t.user('UCO', CHANNEL);
    const view = await overviewOf('UCO');
    const row = await scheduleRow(t, CHANNEL);
    let before = t.slack.calls.length;
    await co.press(SCHEDULE_IDS.pause, row.id, { view });
    // The view is redrawn once the change is stored.
    const updated = await t.slack.waitForCall('views.update', () => true, before);
    expect(messageText({ blocks: updated.body.view.blocks })).toContain('Paused');
    const paused = await scheduleRow(t, CHANNEL);
    expect(paused.paused).toBe(true);
    expect(paused.next_start_at).toBeNull();

    // Paused over the end of May: nothing starts.
    t.clock.set(new Date('2027-05-28T13:01:00Z'));
    await tick(t);
    expect(await retrosOf(t, CHANNEL)).toHaveLength(5);

    before = t.slack.calls.length;
    await co.press(SCHEDULE_IDS.resume, row.id, { view });
    await t.slack.waitForCall('views.update', () => true, before);
    const resumed = await scheduleRow(t, CHANNEL);
    expect(resumed.paused).toBe(false);
    expect(resumed.next_start_at?.toISOString()).toBe('2027-06-25T13:00:00.000Z');
  });

  it('edits through the same modal, filled in, and works the next start out again', async () => {
    const fac = t.user('UFAC', CHANNEL);
    const view = await overviewOf('UFAC');
    const row = await scheduleRow(t, CHANNEL);
    const before = t.slack.calls.length;
    await fac.press(SCHEDULE_IDS.edit, row.id, { view });
    const form = await t.slack.waitForCall('views.update', () => true, before);
    const edit = { ...view, ...form.body.view, id: form.body.view_id };
    const title = edit.blocks.find((b: { block_id: string }) => b.block_id === B.title);
    expect(title?.element.initial_value).toBe('Monthly GTM retro');
    expect(
      edit.blocks.find((b: { block_id: string }) => b.block_id === B.monthDay)?.element.initial_option.value,
    ).toBe('w:last:5');
    // Choosing another frequency draws the day's options for it.
    const redraw = t.slack.calls.length;
    await t.sender.blockAction(
      fac.actor,
      { actionId: SCHEDULE_IDS.frequencySelect, selectedOption: 'week', blockId: B.frequency },
      { view: edit },
    );
    const weekly = await t.slack.waitForCall('views.update', () => true, redraw);
    const weeklyForm = { ...edit, ...weekly.body.view, id: weekly.body.view_id };
    expect(weeklyForm.blocks.map((b: { block_id: string }) => b.block_id)).toContain(B.weekday);
    const reply = await fac.submit(weeklyForm, {
      [B.title]: 'Weekly pipeline retro',
      [B.frequency]: 'week',
      [B.weekday]: '1',
    });
    expect(reply.json?.response_action, JSON.stringify(reply.json)).toBe('update');
    const changed = await scheduleRow(t, CHANNEL);
    expect(changed.title).toBe('Weekly pipeline retro');
    expect(changed.cadence).toEqual({ every: 'week', weekday: 1 });
    // Still 15:00 in Berlin: the Monday after 28 May 2027 13:01Z.
    expect(changed.next_start_at?.toISOString()).toBe('2027-05-31T13:00:00.000Z');
  });

  it('deletes after asking, and the retros that ran stay', async () => {
    const fac = t.user('UFAC', CHANNEL);
    const view = await overviewOf('UFAC');
    const row = await scheduleRow(t, CHANNEL);
    const before = t.slack.calls.length;
    await fac.press(SCHEDULE_IDS.delete, row.id, { view });
    const pushed = await t.slack.waitForCall('views.push', () => true, before);
    const confirm = { ...pushed.body.view, id: pushed.result?.view?.id, state: { values: {} } };
    expect(confirm.callback_id).toBe(SCHEDULE_IDS.deleteConfirm);
    const reply = await fac.submit(confirm);
    expect(reply.json?.response_action).toBe('clear');
    expect(
      await t.database.db
        .selectFrom('retro_schedules')
        .select('id')
        .where('channel_id', '=', CHANNEL)
        .execute(),
    ).toEqual([]);
    const retros = await retrosOf(t, CHANNEL);
    expect(retros).toHaveLength(5);
    expect(retros.every((r) => r.schedule_id === row.id)).toBe(true);
  });
});

describe('bad input, answered on the field', () => {
  const cases: { name: string; fields: Record<string, unknown>; block: string; error: RegExp }[] = [
    {
      name: 'no facilitator',
      fields: { [B.facilitators]: [] },
      block: B.facilitators,
      error: /at least one facilitator/,
    },
    { name: 'a bad KPI line', fields: { [B.kpis]: 'Pipeline | lots' }, block: B.kpis, error: /Line 1/ },
    { name: 'no title', fields: { [B.title]: '  ' }, block: B.title, error: /title/ },
    {
      name: 'a first start in the past',
      fields: { [B.startingOn]: '2026-11-01' },
      block: B.startingOn,
      error: /past/,
    },
    { name: 'an impossible day', fields: { [B.monthDay]: 'd:32' }, block: B.monthDay, error: /day/ },
    {
      name: 'a weekly cadence left with a day of the month',
      fields: { [B.frequency]: 'week' },
      block: B.weekday,
      error: /Pick the day again/,
    },
    { name: 'no time', fields: { [B.time]: null }, block: B.time, error: /time/ },
  ];

  it.each(cases)('$name', async ({ fields, block, error }) => {
    const channel = 'C0BAD';
    t.clock.set(new Date('2026-11-24T15:00:00Z'));
    const user = t.user('UFAC', channel);
    const view = await openScheduleModal(t, user);
    const reply = await user.submit(view, { ...monthlyFields(['UFAC']), ...(fields as object) });
    expect(reply.json?.response_action).toBe('errors');
    expect(reply.json?.errors?.[block]).toMatch(error);
    expect(
      await t.database.db
        .selectFrom('retro_schedules')
        .where('channel_id', '=', channel)
        .selectAll()
        .execute(),
    ).toEqual([]);
  });
});
