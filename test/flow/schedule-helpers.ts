import { expect } from 'vitest';
import { SCHEDULE_IDS } from '../../src/schedules/schedules.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import type { SlackReply } from '../harness/signed-sender.js';
import type { FillValue, OpenedView, SlackUser } from '../harness/slack-user.js';
import type { TestApp } from '../harness/test-app.js';

const B = SCHEDULE_IDS.blocks;

/** "Monthly GTM retro", the last Friday of each month at 15:00, two facilitators: the modal's fields. */
export function monthlyFields(
  facilitators: string[],
  extra: Record<string, FillValue> = {},
): Record<string, FillValue> {
  return {
    [B.title]: 'Monthly GTM retro',
    [B.frequency]: 'month',
    [B.monthDay]: 'w:last:5',
    [B.time]: '15:00',
    [B.kpis]: 'Pipeline | 1.2m | | USD | higher\nWin rate | 25% | |',
    [B.facilitators]: facilitators,
    ...extra,
  };
}

/** Runs `/retro schedule` where the channel has none and returns the modal the app opened. */
export async function openScheduleModal(t: TestApp, user: SlackUser): Promise<OpenedView> {
  const before = t.slack.calls.length;
  const reply = await user.command('schedule');
  expect(reply.status).toBe(200);
  const view = await user.waitForView(before);
  expect(view.callback_id).toBe(SCHEDULE_IDS.view);
  return view;
}

/** Makes a schedule through the modal and returns the app's answer (the schedule's view). */
export async function scheduleThroughModal(
  t: TestApp,
  user: SlackUser,
  fields: Record<string, FillValue>,
): Promise<SlackReply> {
  const view = await openScheduleModal(t, user);
  const reply = await user.submit(view, fields);
  expect(reply.json?.response_action, JSON.stringify(reply.json)).toBe('update');
  return reply;
}

export function scheduleRow(t: TestApp, channelId: string) {
  return t.database.db
    .selectFrom('retro_schedules')
    .selectAll()
    .where('channel_id', '=', channelId)
    .executeTakeFirstOrThrow();
}

export function retrosOf(t: TestApp, channelId: string) {
  return t.database.db
    .selectFrom('retros')
    .selectAll()
    .where('channel_id', '=', channelId)
    .orderBy('created_at')
    .execute();
}

/** Top-level posts in a channel (cards and news), after call index `after`. */
export function channelPosts(t: TestApp, channelId: string, after = 0): RecordedCall[] {
  return t.slack.calls
    .slice(after)
    .filter(
      (c) =>
        c.method === 'chat.postMessage' && c.body.channel === channelId && !c.body.thread_ts && c.result?.ok,
    );
}

/** DMs the app sent (the fake opens `D` + the user id without its `U`), after call index `after`. */
export function dmsTo(t: TestApp, userId: string, after = 0): RecordedCall[] {
  const channel = `D${userId.replace(/^U/, '')}`;
  return t.slack.calls
    .slice(after)
    .filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel && c.result?.ok);
}

/** One pass of every job at the app's clock, then whatever the outbox has to send. */
export async function tick(t: TestApp): Promise<void> {
  await t.rearview.scheduler?.tick();
  await t.rearview.features.outbox.flush();
}

/** Closes a channel's open retro in the database, so the next start is not skipped for it. */
export async function closeOpenRetros(t: TestApp, channelId: string): Promise<void> {
  await t.database.db
    .updateTable('retros')
    .set({ phase: 'closed', closed_at: t.clock.now() })
    .where('channel_id', '=', channelId)
    .where('phase', 'in', ['collecting', 'voting', 'discussing'])
    .execute();
}
