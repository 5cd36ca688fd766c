import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { CARRY_OVER_IDS } from '../../src/carry-over/carry-over.ids.js';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  addPeople,
  ephemeralsTo,
  expectFeedbackSaved,
  messageText,
  pressInMessage,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

const IDS = CARRY_OVER_IDS.actions;
const A = ACTION_ITEM_IDS;
const DUE = '2026-12-15';

/**
 * Three retros in a row in one channel: the open actions of the first are reviewed in the thread of the
 * second (done, carried over, dropped), its summary says so, and the third reviews what was carried.
 */
describe("Last time's actions, reviewed first", () => {
  let t: TestApp;
  let first: StartedRetro;
  let second: StartedRetro;
  let review: RecordedCall;
  const ids: Record<string, string> = {};
  /** Which of the three presses at once won: either may, and the summary counts it. */
  let raceWinner: 'done' | 'dropped' | undefined;
  const fac = () => t.user('UFAC');

  const itemRow = (id: string) =>
    t.database.db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const reviewRow = (retroId: string, itemId: string) =>
    t.database.db
      .selectFrom('action_reviews')
      .selectAll()
      .where('retro_id', '=', retroId)
      .where('action_item_id', '=', itemId)
      .executeTakeFirstOrThrow();
  const press = (userId: string, actionId: string, itemId: string, retro = second) =>
    t.user(userId).press(actionId, `${itemId}/${retro.id}`, { messageTs: String(review.result?.ts) });
  /** The review message as it reads after its latest edit (or as posted). */
  const reviewNow = (after: number, expected: string) =>
    t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === review.result?.ts && messageText(c.body).includes(expected),
      after,
    );

  async function action(title: string, owner: string): Promise<string> {
    const reply = await fac().command(`action ${title} <@${owner}> due ${DUE}`);
    expect(reply.status).toBe(200);
    const row = await waitFor(
      () =>
        t.database.db.selectFrom('action_items').selectAll().where('title', '=', title).executeTakeFirst(),
      `the action "${title}"`,
    );
    return row.id;
  }

  async function close(retro: StartedRetro): Promise<RecordedCall> {
    const before = t.slack.calls.length;
    const reply = await fac().command('close');
    expect(reply.status).toBe(200);
    const summary = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
      before,
    );
    await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
    return summary;
  }

  async function reviewIn(retro: StartedRetro, after: number): Promise<RecordedCall> {
    return t.slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.body.thread_ts === retro.cardTs &&
        String(c.body.text).startsWith('Last time') &&
        c.result?.ok === true,
      after,
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    addPeople(t, ['UFAC', 'UCO', 'UOWN1', 'UOWN2', 'UOWN3', 'UBY', 'UANON'], 'Europe/Berlin');
    first = await startRetro(t, fac(), 'Q3 launch');
    expectFeedbackSaved(
      await addFeedback(t, t.user('UANON'), first, { stop: 'Stop launching on Fridays' }, true),
    );
    ids.refresh = await action('Refresh the pricing page', 'UOWN1');
    ids.brief = await action('Brief sales before launch', 'UOWN2');
    ids.retire = await action('Retire the old webinar deck', 'UOWN3');
    ids.twice = await action('Update the launch checklist', 'UOWN3');
    // An action made from the anonymous item, once revealed.
    const before = t.slack.calls.length;
    await fac().press(ACTIONS.startVoting, first.id, { messageTs: first.cardTs });
    await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.thread_ts === first.cardTs && /revealed/.test(String(c.body.text)),
      before,
    );
    const item = await t.database.db.selectFrom('feedback_items').select('id').executeTakeFirstOrThrow();
    const opened = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.itemMenu, `action/item:${item.id}`, { messageTs: first.cardTs });
    const view = await fac().waitForView(opened);
    const reply = await fac().submit(view, {
      [A.blocks.text]: 'Move launches to Tuesdays',
      [A.blocks.owner]: 'UOWN2',
      [A.blocks.due]: DUE,
    });
    expect(reply.json?.response_action).toBeUndefined();
    ids.anonymous = (
      await waitFor(
        () =>
          t.database.db
            .selectFrom('action_items')
            .select(['id', 'source_type'])
            .where('title', '=', 'Move launches to Tuesdays')
            .executeTakeFirst(),
        'the action from the anonymous item',
      )
    ).id;
    // The owner's DM is where it is, so a decision at the review edits it.
    await waitFor(
      () =>
        t.database.db
          .selectFrom('action_items')
          .select('id')
          .where('id', '=', ids.refresh as string)
          .where('dm_ts', 'is not', null)
          .executeTakeFirst(),
      'the owner DM to be kept',
    );
    await close(first);

    t.clock.advance(86_400_000);
    const started = t.slack.calls.length;
    second = await startRetro(t, fac(), 'Q4 launch', { [SETUP_IDS.blocks.facilitators]: ['UCO'] });
    review = await reviewIn(second, started);
  });
  afterAll(() => t?.close());

  it("lists last time's open actions in the new retro's thread, each with Done, Carry over and Drop", async () => {
    const card = t.slack.calls.find((c) => c.method === 'chat.postMessage' && c.result?.ts === second.cardTs);
    expect(messageText(card?.body ?? {})).toContain('Last retro: 0 of 5 actions done');
    const text = messageText(review.body);
    expect(text).toContain("*Last time's actions* — 5 still open");
    for (const title of [
      'Refresh the pricing page',
      'Brief sales before launch',
      'Move launches to Tuesdays',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('<@UOWN1>');
    expect(text).toContain('from _Q3 launch_');
    const rows = review.body.blocks.filter((b: any) => b.type === 'actions');
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.elements.map((e: any) => [e.text.text, e.action_id])).toEqual([
        ['Done', IDS.done],
        ['Carry over', IDS.carry],
        ['Drop', IDS.drop],
      ]);
    }
    expect(rows.map((r: any) => r.elements[0].value).sort()).toEqual(
      Object.values(ids)
        .map((id) => `${id}/${second.id}`)
        .sort(),
    );
    const stored = await t.database.db
      .selectFrom('action_reviews')
      .selectAll()
      .where('retro_id', '=', second.id)
      .execute();
    expect(stored).toHaveLength(5);
    expect(stored.every((r) => r.outcome === null)).toBe(true);
    await waitFor(
      () =>
        t.database.db
          .selectFrom('action_review_posts')
          .select('ts')
          .where('retro_id', '=', second.id)
          .where('ts', '=', String(review.result?.ts))
          .executeTakeFirst(),
      'the review message ts to be kept',
    );
  });

  it.each([
    ['a bystander', 'UBY', 'refresh', IDS.done, null],
    ['the owner', 'UOWN1', 'refresh', IDS.done, 'done'],
    ['a co-facilitator', 'UCO', 'brief', IDS.carry, 'carried'],
    ['the creator', 'UFAC', 'retire', IDS.drop, 'dropped'],
  ] as const)('%s pressing: %s', async (_who, userId, key, actionId, outcome) => {
    const itemId = ids[key] as string;
    const before = t.slack.calls.length;
    const reply = await press(userId, actionId, itemId);
    expect(reply.status).toBe(200);
    if (outcome === null) {
      const refusal = await waitFor(
        () => ephemeralsTo(t, userId, before).find((m) => m.includes('can mark it')),
        'the refusal',
      );
      expect(refusal).toContain('Only <@UOWN1>, who owns this action item, or a facilitator of _Q4 launch_');
      expect((await reviewRow(second.id, itemId)).outcome).toBeNull();
      expect((await itemRow(itemId)).status).toBe('open');
      return;
    }
    const words = { done: '✅ Done · marked by', carried: '↪️ Carried over · by', dropped: '✖️ Dropped · by' };
    await reviewNow(before, `${words[outcome]} <@${userId}>`);
    const row = await reviewRow(second.id, itemId);
    expect(row).toMatchObject({ outcome, decided_by: userId });
    expect(row.decided_at).toEqual(t.clock.now());
    // The owner's Home tab is published again: a done or dropped item leaves their open items.
    const owned = {
      refresh: ['UOWN1', 'Refresh the pricing page'],
      brief: ['UOWN2', 'Brief sales before launch'],
      retire: ['UOWN3', 'Retire the old webinar deck'],
    } as const;
    const [ownerId, title] = owned[key];
    const home = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === ownerId, before);
    expect(messageText({ blocks: home.body.view.blocks }).includes(title)).toBe(outcome === 'carried');
  });

  it('marks the item done, and edits the owner DM in place', async () => {
    const item = await itemRow(ids.refresh as string);
    expect(item).toMatchObject({ status: 'done', done_by: 'UOWN1' });
    const dm = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === item.dm_ts && messageText(c.body).includes('Done by <@UOWN1>'),
    );
    expect(dm.body.channel).toBe(item.dm_channel_id);
  });

  it('carries an item over with its owner, due date and first retro', async () => {
    const item = await itemRow(ids.brief as string);
    expect(item).toMatchObject({
      status: 'open',
      owner_id: 'UOWN2',
      due_date: DUE,
      retro_id: first.id,
      carried_to_retro_id: second.id,
    });
    expect((await itemRow(ids.retire as string)).status).toBe('cancelled');
  });

  it('changes nothing twice: a second press, and two presses at once', async () => {
    const done = await reviewRow(second.id, ids.refresh as string);
    const before = t.slack.calls.length;
    await press('UOWN1', IDS.done, ids.refresh as string);
    await waitFor(
      () => ephemeralsTo(t, 'UOWN1', before).find((m) => m.includes('Already decided')),
      'the note',
    );
    expect(await reviewRow(second.id, ids.refresh as string)).toEqual(done);

    const twice = ids.twice as string;
    const at = t.slack.calls.length;
    const replies = await Promise.all([
      press('UOWN3', IDS.done, twice),
      press('UOWN3', IDS.done, twice),
      press('UFAC', IDS.drop, twice),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const notes = await waitFor(() => {
      const said = [...ephemeralsTo(t, 'UOWN3', at), ...ephemeralsTo(t, 'UFAC', at)].filter((m) =>
        m.includes('Already decided'),
      );
      return said.length === 2 ? said : undefined;
    }, 'two presses refused');
    expect(notes).toHaveLength(2);
    const row = await reviewRow(second.id, twice);
    expect(['done', 'dropped']).toContain(row.outcome);
    raceWinner = row.outcome as 'done' | 'dropped';
    expect((await itemRow(twice)).status).toBe(row.outcome === 'done' ? 'done' : 'cancelled');
  });

  it('shows done, carried and dropped in the summary of the second retro, and never the anonymous author', async () => {
    // Every edit of the review is out before the close.
    await t.rearview.features.outbox.flush();
    const summary = await close(second);
    const text = messageText(summary.body);
    const [done, dropped] = raceWinner === 'done' ? [2, 1] : [1, 2];
    expect(text).toContain(
      `*Since last time:* ${done} done, 1 carried over, ${dropped} dropped, 1 not reviewed`,
    );
    expect(text).toContain('↪️ Brief sales before launch — <@UOWN2> · carried over');
    expect(text).toContain('• Move launches to Tuesdays — <@UOWN2> · not reviewed');
    const thread = t.slack.calls.filter(
      (c) => c.body.ts === review.result?.ts || c.body.thread_ts === second.cardTs,
    );
    for (const call of [summary, ...thread]) expect(JSON.stringify(call.body)).not.toContain('UANON');
  });

  it('reviews the carried item again at the start of the third retro', async () => {
    t.clock.advance(86_400_000);
    const started = t.slack.calls.length;
    const third = await startRetro(t, fac(), 'Q1 launch');
    const again = await reviewIn(third, started);
    const text = messageText(again.body);
    expect(text).toContain("*Last time's actions* — 2 still open");
    expect(text).toContain('Brief sales before launch');
    expect(text).toContain('from _Q3 launch_');
    expect(text).toContain('Move launches to Tuesdays');
    expect(text).not.toContain('Refresh the pricing page');
    expect(JSON.stringify(again.body)).not.toContain('UANON');

    review = again;
    const before = t.slack.calls.length;
    await press('UOWN2', IDS.done, ids.brief as string, third);
    await reviewNow(before, '✅ Done · marked by <@UOWN2>');
    const item = await itemRow(ids.brief as string);
    expect(item).toMatchObject({ status: 'done', retro_id: first.id, carried_to_retro_id: second.id });
    // The second retro's review keeps what it decided.
    expect((await reviewRow(second.id, ids.brief as string)).outcome).toBe('carried');

    // Marked done from its owner's DM meanwhile: the review shows it so, and a press changes nothing.
    const anonymous = ids.anonymous as string;
    const dm = await itemRow(anonymous);
    const dmPost = t.slack.calls.find((c) => c.method === 'chat.postMessage' && c.result?.ts === dm.dm_ts);
    if (!dmPost) throw new Error('no DM about the item');
    await pressInMessage(t, dmPost, 'UOWN2', A.actions.done, anonymous);
    await waitFor(async () => ((await itemRow(anonymous)).status === 'done' ? true : undefined), 'done');
    const at = t.slack.calls.length;
    await press('UFAC', IDS.drop, anonymous, third);
    await waitFor(
      () => ephemeralsTo(t, 'UFAC', at).find((m) => m.includes('already marked done by <@UOWN2>')),
      'the note',
    );
    const shown = messageText((await reviewNow(at, 'Move launches to Tuesdays')).body);
    expect(shown).toContain("*Last time's actions* — all 2 reviewed.");
    expect(shown).toContain('✅ Done · marked by <@UOWN2>');
    expect((await reviewRow(third.id, anonymous)).outcome).toBeNull();
    expect((await itemRow(anonymous)).status).toBe('done');
  });

  it('posts no review when nothing was left open', async () => {
    const started = t.slack.calls.length;
    const other = await startRetro(t, t.user('UFAC', 'C0QUIET'), 'First retro here');
    await t.rearview.features.outbox.flush();
    expect(t.slack.calls.slice(started).some((c) => c.body.thread_ts === other.cardTs)).toBe(false);
  });
});
