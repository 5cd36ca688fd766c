import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addPeople, ephemeralsTo, insertActionItems, messageText, startRetro } from './retro-helpers.js';

const IDS = ACTION_ITEM_IDS;

describe('Action items', () => {
  let t: TestApp;
  const item = (title: string) =>
    waitFor(
      () =>
        t.database.db.selectFrom('action_items').selectAll().where('title', '=', title).executeTakeFirst(),
      `the action item "${title}"`,
    );
  const dmOf = (userId: string, after: number) =>
    t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === `D${userId.replace(/^U/, '')}` && c.result?.ok === true,
      after,
    );
  const inFuture = (days: number) =>
    new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const openHome = async (userId: string) => {
    const before = t.slack.calls.length;
    await t.sender.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
    const call = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === userId, before);
    expect(call.body.view.blocks.length).toBeLessThanOrEqual(100);
    return call.body.view;
  };

  beforeAll(async () => {
    t = await startTestApp();
    addPeople(t, ['UFAC', 'U123', 'UBOB', 'UTHIRD'], 'Europe/Berlin');
    t.slack.users.set('UBOT', { id: 'UBOT', name: 'deploybot', isBot: true });
  });
  afterAll(() => t?.close());

  it('creates an item from a complete command, without a modal, and DMs the owner the four buttons', async () => {
    const before = t.slack.calls.length;
    const reply = await t
      .user('UFAC')
      .command('action Update the launch checklist <@U123|ana> due 2026-12-01');
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(messageText(reply.json ?? {})).toContain('<@U123>');
    const row = await item('Update the launch checklist');
    expect(row).toMatchObject({
      owner_id: 'U123',
      due_date: '2026-12-01',
      created_by: 'UFAC',
      channel_id: 'C0RETRO',
    });
    const dm = await dmOf('U123', before);
    const buttons = dm.body.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b: any) => b.action_id)).toEqual(
      Object.values(IDS.actions).filter((a) => a !== IDS.actions.add),
    );
    expect(buttons.every((b: any) => b.value === row.id)).toBe(true);
    expect(t.slack.calls.slice(before).some((c) => c.method === 'views.open')).toBe(false);
    await waitFor(
      () =>
        t.database.db
          .selectFrom('action_items')
          .select('dm_ts')
          .where('id', '=', row.id)
          .where('dm_ts', 'is not', null)
          .executeTakeFirst(),
      'the DM location to be kept',
    );
  });

  it('confirms privately, with no DM, when the creator owns the item', async () => {
    const before = t.slack.calls.length;
    const reply = await t.user('UBOB').command(`action Book the venue <@UBOB> due ${inFuture(3)}`);
    expect(reply.json?.text).toContain('Action item saved');
    await item('Book the venue');
    const result = await t.ctx.db.selectFrom('outbox').select('payload').execute();
    expect(JSON.stringify(result)).not.toContain('Book the venue');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'conversations.open')).toEqual([]);
  });

  it('opens the modal pre-filled with a hint when the command cannot be read', async () => {
    const before = t.slack.calls.length;
    await t.user('UFAC').command('action something due someday');
    const view = await t.user('UFAC').waitForView(before);
    expect(view.callback_id).toBe(IDS.views.create);
    const due = view.blocks.find((b) => b.block_id === IDS.blocks.due);
    expect(due?.hint?.text).toContain('someday');
    const text = view.blocks.find((b) => b.block_id === IDS.blocks.text);
    expect(text?.element.initial_value).toContain('something');
  });

  it.each([
    ['a past due date', { [IDS.blocks.owner]: 'U123', [IDS.blocks.due]: '2020-01-01' }, IDS.blocks.due],
    ['no owner', { [IDS.blocks.owner]: null, [IDS.blocks.due]: '2030-01-01' }, IDS.blocks.owner],
    ['a bot as owner', { [IDS.blocks.owner]: 'UBOT', [IDS.blocks.due]: '2030-01-01' }, IDS.blocks.owner],
    [
      'a 301-character action',
      { [IDS.blocks.text]: 'x'.repeat(301), [IDS.blocks.owner]: 'U123', [IDS.blocks.due]: '2030-01-01' },
      IDS.blocks.text,
    ],
  ])('refuses %s inline and stores nothing', async (_what, values, block) => {
    const before = t.slack.calls.length;
    await t.user('UFAC').command('action Rejected draft');
    const view = await t.user('UFAC').waitForView(before);
    const reply = await t.user('UFAC').submit(view, values);
    expect(reply.json?.response_action).toBe('errors');
    expect(Object.keys(reply.json?.errors ?? {})).toContain(block);
    const rows = await t.database.db
      .selectFrom('action_items')
      .select('id')
      .where('title', 'like', 'Rejected%')
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a bot owner named in the command by opening the modal', async () => {
    const before = t.slack.calls.length;
    await t.user('UFAC').command('action Ask the bot <@UBOT|deploybot> due 2030-01-01');
    const view = await t.user('UFAC').waitForView(before);
    expect(view.blocks.find((b) => b.block_id === IDS.blocks.owner)?.hint?.text).toContain('bot');
  });

  it('submits the modal for another person and escapes what they typed', async () => {
    const before = t.slack.calls.length;
    await t.user('UFAC').command('action Tell <!channel> about it');
    const view = await t.user('UFAC').waitForView(before);
    const reply = await t
      .user('UFAC')
      .submit(view, { [IDS.blocks.owner]: 'UBOB', [IDS.blocks.due]: inFuture(7) });
    expect(reply.json?.response_action).toBeUndefined();
    await item('Tell <!channel> about it');
    const dm = await dmOf('UBOB', before);
    expect(JSON.stringify(dm.body)).not.toContain('<!channel>');
  });

  describe('who may change an item', () => {
    let retroItem: string;
    beforeAll(async () => {
      const retro = await startRetro(t, t.user('UFAC'), 'Permissions');
      const before = t.slack.calls.length;
      await t.user('UFAC').command('action Fix the pricing page');
      const view = await t.user('UFAC').waitForView(before);
      await t.user('UFAC').submit(view, { [IDS.blocks.owner]: 'U123', [IDS.blocks.due]: inFuture(7) });
      const row = await item('Fix the pricing page');
      expect(row.retro_id).toBe(retro.id);
      retroItem = row.id;
    });
    const current = () =>
      t.database.db
        .selectFrom('action_items')
        .select(['status', 'owner_id', 'due_date', 'snoozed_until', 'done_by', 'done_at'])
        .where('id', '=', retroItem)
        .executeTakeFirstOrThrow();

    it.each([
      [IDS.actions.done, 'mark it done'],
      [IDS.actions.snooze, 'snooze it'],
      [IDS.actions.reassign, 'reassign it'],
      [IDS.actions.redate, 'change its due date'],
    ])('a third person pressing %s is told who can, and nothing changes', async (actionId, doing) => {
      const row = await current();
      const before = t.slack.calls.length;
      await t.user('UTHIRD').press(actionId, retroItem);
      const note = await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'UTHIRD', before);
      expect(note.body.text).toContain(doing);
      expect(note.body.text).toContain('Only <@U123>');
      expect(await current()).toEqual(row);
      expect(t.slack.calls.slice(before).some((c) => c.method === 'views.open')).toBe(false);
    });

    it('the facilitator cannot snooze, but the owner can', async () => {
      const before = t.slack.calls.length;
      await t.user('UFAC').press(IDS.actions.snooze, retroItem);
      await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'UFAC', before);
      expect((await current()).snoozed_until).toBeNull();
      await t.user('U123').press(IDS.actions.snooze, retroItem);
      await waitFor(async () => (await current()).snoozed_until ?? undefined, 'the snooze');
      expect((await current()).due_date).toBe(inFuture(7));
    });

    it('the facilitator can change the due date and reassign', async () => {
      let before = t.slack.calls.length;
      await t.user('UFAC').press(IDS.actions.redate, retroItem);
      let view = await t.user('UFAC').waitForView(before);
      const past = await t.user('UFAC').submit(view, { [IDS.blocks.due]: '2020-01-01' });
      expect(past.json?.response_action).toBe('errors');
      await t.user('UFAC').submit(view, { [IDS.blocks.due]: inFuture(14) });
      await waitFor(async () => (await current()).due_date === inFuture(14) || undefined, 'the new due date');

      before = t.slack.calls.length;
      await t.user('UFAC').press(IDS.actions.reassign, retroItem);
      view = await t.user('UFAC').waitForView(before);
      await t.user('UFAC').submit(view, { [IDS.blocks.owner]: 'UBOB' });
      await waitFor(async () => (await current()).owner_id === 'UBOB' || undefined, 'the new owner');
      // The new owner gets the DM with the buttons; the old one hears about it.
      const dm = await dmOf('UBOB', before);
      expect(messageText(dm.body)).toContain('Fix the pricing page');
      const told = await dmOf('U123', before);
      expect(messageText(told.body)).toContain('<@UBOB>');
    });

    it('the facilitator can mark it done; a second press says it is done already', async () => {
      const before = t.slack.calls.length;
      await t.user('UFAC').press(IDS.actions.done, retroItem);
      await waitFor(async () => ((await current()).status === 'done' ? true : undefined), 'done');
      expect(await current()).toMatchObject({ done_by: 'UFAC' });
      await t.slack.waitForCall('views.publish', (c) => c.body.user_id === 'UBOB', before);
      await t.user('UBOB').press(IDS.actions.done, retroItem);
      await waitFor(
        () => ephemeralsTo(t, 'UBOB', before).find((text) => text.includes('already marked done')),
        'the already-done note',
      );
    });
  });

  it.each([
    ['an unknown id', randomUUID()],
    ['a malformed id', 'not-an-id'],
  ])('a button with %s says so and changes nothing', async (_what, value) => {
    const before = t.slack.calls.length;
    await t.user('U123').press(IDS.actions.done, value);
    const note = await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U123', before);
    expect(note.body.text).toContain('no longer exists');
  });

  it('an id from another workspace is not found', async () => {
    const id = randomUUID();
    await insertActionItems(t, [
      { id, teamId: 'TOTHER', title: 'Elsewhere', ownerId: 'U123', dueDate: '2030-01-01' },
    ]);
    const before = t.slack.calls.length;
    await t.user('U123').press(IDS.actions.done, id);
    const note = await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U123', before);
    expect(note.body.text).toContain('no longer exists');
    const row = await t.database.db
      .selectFrom('action_items')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('the owner marks an item done from the DM: the DM is updated and the Home tab drops it', async () => {
    const row = await item('Update the launch checklist');
    expect(JSON.stringify(await openHome('U123'))).toContain('Update the launch checklist');
    const before = t.slack.calls.length;
    await t.user('U123', `D123`).press(IDS.actions.done, row.id);
    const update = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === row.dm_ts || c.body.channel === 'D123',
      before,
    );
    expect(messageText(update.body)).toContain('Done');
    expect(JSON.stringify(update.body.blocks)).not.toContain(IDS.actions.done);
    const home = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === 'U123', before);
    expect(messageText({ blocks: home.body.view.blocks })).toContain('Nothing open');
  });

  it('lists open items with /retro actions, mine, someone’s and the channel’s', async () => {
    const mine = await t.user('UBOB').command('actions');
    expect(messageText(mine.json ?? {})).toContain('Book the venue');
    const all = await t.user('UFAC').command('actions all');
    expect(messageText(all.json ?? {})).toContain('Book the venue');
    const bad = await t.user('UFAC').command('actions maria');
    expect(bad.json?.text).toContain('Mention one person');
  });

  it('an App Home with 150 open items stays within 100 blocks and says how many more', async () => {
    await insertActionItems(
      t,
      Array.from({ length: 150 }, (_, i) => ({
        title: `Bulk item ${i}`,
        ownerId: 'UBULK',
        dueDate: '2030-01-01',
      })),
    );
    const view = await openHome('UBULK');
    expect(messageText({ blocks: view.blocks })).toMatch(/and \d+ more/);
  });
});
