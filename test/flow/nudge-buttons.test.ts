import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { dueDateToken } from '../../src/action-items/present-action-item.js';
import { queueNudges } from '../../src/follow-up/follow-up.service.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addPeople, messageText, pressInMessage } from './retro-helpers.js';

const IDS = ACTION_ITEM_IDS;
/** Monday 30 November 2026, 09:00 in Berlin: the default weekly nudge moment there. */
const MONDAY_NUDGE = new Date('2026-11-30T08:00:00Z');
const NEXT_MONDAY_NUDGE = new Date('2026-12-07T08:00:00Z');

describe('buttons in a weekly nudge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    addPeople(t, ['URAJ', 'UMIA', 'ULIAM', 'URAJ3', 'UCHLOE', 'ULIST'], 'Europe/Berlin');
  });
  afterAll(() => t?.close());

  const dmChannel = (userId: string) => `D${userId.replace(/^U/, '')}`;

  /** Open items for `ownerId` (Berlin), created by Liam; the first one's DM was posted long ago. */
  async function seed(ownerId: string, items: { title: string; dueDate: string }[]): Promise<string[]> {
    const ids = items.map(() => randomUUID());
    await t.database.db
      .insertInto('action_items')
      .values(
        items.map((item, n) => ({
          id: ids[n] as string,
          team_id: t.slack.teamId,
          retro_id: null,
          channel_id: 'C0RETRO',
          title: item.title,
          owner_id: ownerId,
          due_date: item.dueDate,
          source_type: 'manual' as const,
          source_id: null,
          created_by: 'ULIAM',
          snoozed_until: null,
          done_at: null,
          dm_channel_id: n === 0 ? dmChannel(ownerId) : null,
          dm_ts: n === 0 ? '1690000000.000001' : null,
        })),
      )
      .execute();
    await t.database.db
      .insertInto('user_time_zones')
      .values({ team_id: t.slack.teamId, user_id: ownerId, tz: 'Europe/Berlin', fetched_at: MONDAY_NUDGE })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .execute();
    return ids;
  }

  /** Runs the weekly nudge job at `at` and returns the nudge posted to `ownerId`. */
  async function nudgeAt(at: Date, ownerId: string): Promise<RecordedCall> {
    t.clock.set(at);
    const before = t.slack.calls.length;
    await queueNudges(t.rearview.features, at);
    await t.rearview.features.outbox.flush();
    return t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === dmChannel(ownerId) && c.result?.ok === true,
      before,
    );
  }

  const pressIn = (message: RecordedCall, userId: string, actionId: string, itemId: string) =>
    pressInMessage(t, message, userId, actionId, itemId);

  const buttonsFor = (blocks: any[], itemId: string) =>
    blocks.filter((b) => b.type === 'actions' && b.elements.some((e: any) => e.value === itemId));

  it('Done in a nudge marks the item done in that nudge, and the item’s own DM follows', async () => {
    const [recap, venue] = await seed('URAJ', [
      { title: 'Send the recap', dueDate: '2026-11-20' },
      { title: 'Book the venue', dueDate: '2026-12-18' },
    ]);
    const nudge = await nudgeAt(MONDAY_NUDGE, 'URAJ');
    expect(buttonsFor(nudge.body.blocks, recap as string)).toHaveLength(1);

    const before = t.slack.calls.length;
    await pressIn(nudge, 'URAJ', IDS.actions.done, recap as string);
    const redrawn = await t.slack.waitForCall('chat.update', (c) => c.body.ts === nudge.result?.ts, before);
    expect(redrawn.body.channel).toBe(nudge.body.channel);
    expect(messageText(redrawn.body)).toContain('Marked done by <@URAJ>');
    expect(messageText(redrawn.body)).toContain('You have 1 open action item.');
    expect(buttonsFor(redrawn.body.blocks, recap as string)).toEqual([]);
    expect(buttonsFor(redrawn.body.blocks, venue as string)).toHaveLength(1);
    const dm = await t.slack.waitForCall('chat.update', (c) => c.body.ts === '1690000000.000001', before);
    expect(messageText(dm.body)).toContain('Done by <@URAJ>');
  });

  it('Snooze a week in Monday’s nudge says which nudge it skips, and next Monday’s leaves it out', async () => {
    const [recap] = await seed('UMIA', [
      { title: 'Chase the agency', dueDate: '2026-11-20' },
      { title: 'Write the brief', dueDate: '2026-12-18' },
    ]);
    const nudge = await nudgeAt(MONDAY_NUDGE, 'UMIA');
    const before = t.slack.calls.length;
    await pressIn(nudge, 'UMIA', IDS.actions.snooze, recap as string);
    const redrawn = await t.slack.waitForCall('chat.update', (c) => c.body.ts === nudge.result?.ts, before);
    expect(messageText(redrawn.body)).toContain(
      `left out of your weekly nudge of ${dueDateToken('2026-12-07')}`,
    );

    const next = await nudgeAt(NEXT_MONDAY_NUDGE, 'UMIA');
    expect(messageText(next.body)).toContain('Write the brief');
    expect(messageText(next.body)).not.toContain('Chase the agency');
  });

  it('Done in a /retro actions list redraws that list in place, saying what was done', async () => {
    const [first, second] = await seed('ULIST', [
      { title: 'Update the pricing page', dueDate: '2026-12-20' },
      { title: 'Plan the webinar', dueDate: '2026-12-21' },
    ]);
    const list = await t.user('ULIST').command('actions');
    const actions = ((list.json?.blocks ?? []) as any[]).find(
      (b) => b.type === 'actions' && b.elements[0].value === first,
    );
    const before = t.slack.responses.length;
    await t.sender.blockAction(
      { userId: 'ULIST', channelId: 'C0RETRO' },
      { actionId: IDS.actions.done, value: first as string, blockId: actions.block_id },
    );
    const redrawn = await t.slack.waitForResponse((r) => r.body.replace_original === true, before);
    expect(messageText(redrawn.body)).toContain('Marked done: *Update the pricing page*');
    expect(buttonsFor(redrawn.body.blocks, first as string)).toEqual([]);
    expect(buttonsFor(redrawn.body.blocks, second as string)).toHaveLength(1);
  });

  it('a reassigned item’s DM says who handed it over and who made it; the previous owner’s says it moved', async () => {
    let before = t.slack.calls.length;
    await t.user('ULIAM').command('action Draft the launch brief <@URAJ3|raj> due 2026-12-20');
    const rajDm = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === 'DRAJ3' && c.result?.ok === true,
      before,
    );
    expect(messageText(rajDm.body)).toContain('<@ULIAM> gave you an action item');
    const row = await waitFor(
      () =>
        t.database.db
          .selectFrom('action_items')
          .select(['id', 'dm_ts'])
          .where('title', '=', 'Draft the launch brief')
          .where('dm_ts', 'is not', null)
          .executeTakeFirst(),
      'the DM location',
    );

    before = t.slack.calls.length;
    await pressIn(rajDm, 'URAJ3', IDS.actions.reassign, row.id);
    const view = await t.user('URAJ3').waitForView(before);
    await t.user('URAJ3').submit(view, { [IDS.blocks.owner]: 'UCHLOE' });
    const chloeDm = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === 'DCHLOE' && c.result?.ok === true,
      before,
    );
    const chloe = messageText(chloeDm.body);
    expect(chloe).toContain('<@URAJ3> handed this action item over to you (created by <@ULIAM>)');
    expect(chloe).not.toContain('<@ULIAM> gave you');
    const moved = await t.slack.waitForCall('chat.update', (c) => c.body.ts === row.dm_ts, before);
    expect(messageText(moved.body)).toContain('Moved to <@UCHLOE> by <@URAJ3>');
  });
});
