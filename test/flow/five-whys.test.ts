import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  addPeople,
  ephemeralsTo,
  messageText,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

const W = FIVE_WHYS_IDS.blocks;
const A = ACTION_ITEM_IDS;

describe('Five Whys to a done action item', () => {
  let t: TestApp;
  let retro: StartedRetro;
  let chainId: string;
  let itemId: string;
  const fac = () => t.user('UFAC');
  const nextWeek = () => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    addPeople(t, ['UFAC', 'U1', 'UOWN', 'UOTHER']);
    retro = await startRetro(t, fac(), 'Q4 launch', { kpis: 'MQLs | 500 | 450 | leads | higher' });
    await addFeedback(
      t,
      t.user('U1'),
      retro,
      { stop: 'Stop briefing sales <!channel> the day before launch' },
      true,
    );
  });
  afterAll(() => t?.close());

  it('is explained, not opened, while feedback is collected', async () => {
    const before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.start, `retro:${retro.id}`, { messageTs: retro.cardTs });
    await waitFor(
      () => ephemeralsTo(t, 'UFAC', before).find((m) => m.includes('revealed')),
      'the explanation',
    );
    expect(t.slack.calls.slice(before).some((c) => c.method === 'views.open')).toBe(false);
  });

  it('puts a menu on each revealed item and offers Five Whys on the card and the missed KPI', async () => {
    const before = t.slack.calls.length;
    await fac().press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    const reveal = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.thread_ts === retro.cardTs && /revealed/.test(String(c.body.text)),
      before,
    );
    const menu = reveal.body.blocks.find(
      (b: any) => b.accessory?.action_id === FIVE_WHYS_IDS.actions.itemMenu,
    );
    expect(menu.text.text).not.toContain('<!channel>');
    expect(menu.accessory.options.map((o: any) => o.text.text)).toEqual(['Five Whys', 'Add action item']);
    const card = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && /Vot/.test(messageText(c.body)),
      before,
    );
    const text = JSON.stringify(card.body.blocks);
    expect(text).toContain('Five Whys: MQLs');
    expect(text).toContain(FIVE_WHYS_IDS.actions.start);
  });

  it('refuses a gap in the whys and an empty root cause inline', async () => {
    const item = await t.database.db.selectFrom('feedback_items').select('id').executeTakeFirstOrThrow();
    const before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.itemMenu, `whys/item:${item.id}`, { messageTs: retro.cardTs });
    const view = await fac().waitForView(before);
    expect(view.blocks.find((b) => b.block_id === W.problem)?.element.initial_value).toContain(
      'Stop briefing sales',
    );
    const reply = await fac().submit(view, {
      [W.why(1)]: 'Late',
      [W.why(3)]: 'Skipped two',
      [W.rootCause]: '',
    });
    expect(reply.json?.response_action).toBe('errors');
    expect(Object.keys(reply.json?.errors ?? {}).sort()).toEqual([W.rootCause, W.why(3)].sort());
    expect(await t.database.db.selectFrom('five_whys').select('id').execute()).toEqual([]);
  });

  it('stores a chain of three whys and posts it in the thread with its buttons', async () => {
    const item = await t.database.db.selectFrom('feedback_items').select('id').executeTakeFirstOrThrow();
    const before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.itemMenu, `whys/item:${item.id}`, { messageTs: retro.cardTs });
    const view = await fac().waitForView(before);
    const reply = await fac().submit(view, {
      [W.why(1)]: 'Sales heard about the launch late',
      [W.why(2)]: 'Marketing briefed them last',
      [W.why(3)]: 'The checklist has no enablement step',
      [W.rootCause]: 'No sales enablement step in the launch checklist',
    });
    expect(reply.json?.response_action).toBeUndefined();
    const post = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.thread_ts === retro.cardTs && /Five Whys/.test(String(c.body.text)),
      before,
    );
    const text = messageText(post.body);
    expect(text).toContain('Why 3');
    expect(text).toContain('No sales enablement step');
    expect(text).not.toContain('<!channel>');
    const row = await waitFor(
      () =>
        t.database.db
          .selectFrom('five_whys')
          .selectAll()
          .where('message_ts', 'is not', null)
          .executeTakeFirst(),
      'the chain with its message',
    );
    expect(row).toMatchObject({ source_type: 'item', created_by: 'UFAC', whys: expect.any(Array) });
    expect(row.whys).toHaveLength(3);
    chainId = row.id;
  });

  it('lets its author edit it (the thread message is updated) but not someone else', async () => {
    let before = t.slack.calls.length;
    await t.user('UOTHER').press(FIVE_WHYS_IDS.actions.edit, chainId);
    await waitFor(() => ephemeralsTo(t, 'UOTHER', before).find((m) => m.includes('can edit')), 'the refusal');
    before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.edit, chainId);
    const view = await fac().waitForView(before);
    await fac().submit(view, { [W.why(4)]: 'Nobody owns enablement' });
    const update = await t.slack.waitForCall('chat.update', (c) => /Why 4/.test(messageText(c.body)), before);
    const row = await t.database.db
      .selectFrom('five_whys')
      .select(['message_ts', 'whys'])
      .executeTakeFirstOrThrow();
    expect(update.body.ts).toBe(row.message_ts);
    expect(row.whys).toHaveLength(4);
  });

  it('turns the root cause into an action item for another person, who gets the DM', async () => {
    await fac().press(ACTIONS.startDiscussion, retro.id, { messageTs: retro.cardTs });
    await waitFor(
      () =>
        t.database.db
          .selectFrom('retros')
          .select('phase')
          .where('phase', '=', 'discussing')
          .executeTakeFirst(),
      'the discussion',
    );
    const card = await t.slack.waitForCall('chat.update', (c) => /Discuss/.test(messageText(c.body)));
    expect(JSON.stringify(card.body.blocks)).toContain(A.actions.add);
    const before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.toActionItem, chainId);
    const view = await fac().waitForView(before);
    // The root cause is the problem, not the action: it is shown as context, and the action is left for
    // the person to write.
    expect(view.blocks.find((b) => b.block_id === A.blocks.text)?.element.initial_value).toBeUndefined();
    const shown = view.blocks.filter((b) => b.type === 'context');
    expect(messageText({ blocks: shown })).toContain(
      '*Root cause:* No sales enablement step in the launch checklist',
    );
    const reply = await fac().submit(view, {
      [A.blocks.text]: 'Add a sales enablement step to the launch checklist',
      [A.blocks.owner]: 'UOWN',
      [A.blocks.due]: nextWeek(),
    });
    expect(reply.json?.response_action).toBeUndefined();
    const dm = await t.slack.waitForCall('chat.postMessage', (c) => c.body.channel === 'DOWN', before);
    const buttons = dm.body.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b: any) => b.text.text)).toEqual([
      'Done',
      'Snooze a week',
      'Reassign',
      'Change due date',
    ]);
    expect(messageText(dm.body)).toContain('Q4 launch');
    const row = await waitFor(
      () =>
        t.database.db
          .selectFrom('action_items')
          .selectAll()
          .where('dm_ts', 'is not', null)
          .executeTakeFirst(),
      'the item with its DM',
    );
    expect(row).toMatchObject({
      source_type: 'root_cause',
      source_id: chainId,
      retro_id: retro.id,
      owner_id: 'UOWN',
    });
    itemId = row.id;
  });

  it('the owner marks it done: the DM is updated and the Home tab no longer lists it', async () => {
    const before = t.slack.calls.length;
    await t.user('UOWN', 'DOWN').press(A.actions.done, itemId);
    const update = await t.slack.waitForCall('chat.update', (c) => c.body.channel === 'DOWN', before);
    expect(messageText(update.body)).toContain('Done');
    // The publish after the done press; one queued when the item was made may still arrive after `before`.
    const home = await t.slack.waitForCall(
      'views.publish',
      (c) =>
        c.body.user_id === 'UOWN' && !messageText({ blocks: c.body.view.blocks }).includes('enablement step'),
      before,
    );
    expect(messageText({ blocks: home.body.view.blocks })).toContain('Your open action items');
  });

  it('the close summary shows the chain and the item done with its root cause', async () => {
    const before = t.slack.calls.length;
    await fac().press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    const summary = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => !c.body.thread_ts && /summary/i.test(String(c.body.text)),
      before,
    );
    const text = messageText(summary.body);
    expect(text).toContain('No sales enablement step in the launch checklist');
    expect(text).toMatch(/<@UOWN>.*✅ done.*From root cause: No sales enablement/s);
  });

  it('the next retro in the channel shows how many actions of the last one are done', async () => {
    t.clock.advance(86_400_000);
    const next = await startRetro(t, fac(), 'Q1 launch');
    const card = t.slack.calls.find((c) => c.method === 'chat.postMessage' && c.result?.ts === next.cardTs);
    expect(messageText(card?.body ?? {})).toContain('its one action is done');
  });
});
