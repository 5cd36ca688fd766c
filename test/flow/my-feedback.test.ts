import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_IDS } from '../../src/feedback/feedback.ids.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import type { OpenedView, SlackUser } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { cardCatchesUp } from './card-helpers.js';
import {
  addFeedback,
  ephemeralsTo,
  expectFeedbackSaved,
  messageText,
  openFromCard,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/**
 * *My feedback*: an author's own attributed items, which they can edit or withdraw while the retro
 * collects feedback — and nobody else can, and nothing lists anonymous items.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (const [id, name] of [
    ['UFAC', 'Fran'],
    ['UALICE', 'Alice'],
    ['UBOB', 'Bob'],
    ['UCAROL', 'Carol'],
    ['UDANA', 'Dana'],
  ] as const) {
    t.slack.addUser({ id, name });
  }
});
afterAll(() => t.close());

/** A modal as Slack holds it after views.open/push/update (with its id). */
function viewOf(call: RecordedCall): OpenedView {
  const view = call.body.view as OpenedView;
  const id = (call.result?.view?.id as string | undefined) ?? call.body.view_id;
  return { ...view, id, team_id: 'T0TEAM', hash: 'h', state: { values: {} } } as OpenedView;
}

/** What a modal says: every text in its blocks. */
function viewText(view: { blocks: unknown[] }): string {
  return messageText({ text: '', blocks: view.blocks });
}

/** The Edit / Withdraw buttons of a My-feedback modal, as action_id → item ids. */
function buttonValues(view: OpenedView, actionId: string): string[] {
  return view.blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Record<string, any>[])
    .filter((e) => e.action_id === actionId)
    .map((e) => String(e.value));
}

async function itemsOf(retroId: string) {
  return t.database.db.selectFrom('feedback_items').selectAll().where('retro_id', '=', retroId).execute();
}

async function itemByBody(retroId: string, body: string) {
  const item = (await itemsOf(retroId)).find((i) => i.body === body);
  if (!item) throw new Error(`No item "${body}"`);
  return item;
}

async function openMyFeedback(user: SlackUser, retro: StartedRetro): Promise<OpenedView> {
  const view = await openFromCard(t, user, ACTIONS.myFeedback, retro);
  expect(view.callback_id).toBe(FEEDBACK_IDS.views.myFeedback);
  return view;
}

/** Presses *Edit* (or anything that pushes a modal) inside `from` and returns the pushed modal. */
async function pushFrom(
  user: SlackUser,
  actionId: string,
  itemId: string,
  from: OpenedView,
): Promise<OpenedView> {
  const before = t.slack.calls.length;
  const reply = await user.press(actionId, itemId, { view: from });
  expect(reply.status).toBe(200);
  return viewOf(await t.slack.waitForCall('views.push', () => true, before));
}

/** Submits a pushed modal the way Slack does: it names the modal it was pushed onto. */
function submitPushed(user: SlackUser, pushed: OpenedView, parent: OpenedView, text: string | null) {
  return user.submit(
    { ...pushed, previous_view_id: parent.id, root_view_id: parent.id },
    { [FEEDBACK_IDS.blocks.text]: text },
  );
}

async function feedbackFor(channel: string, title: string): Promise<{ retro: StartedRetro; fac: SlackUser }> {
  const fac = t.user('UFAC', channel);
  const retro = await startRetro(t, fac, title);
  return { retro, fac };
}

async function submitOk(
  user: SlackUser,
  retro: StartedRetro,
  sections: Record<string, string>,
  anonymous: boolean,
) {
  const before = t.slack.calls.length;
  const reply = await addFeedback(t, user, retro, sections, anonymous);
  expectFeedbackSaved(reply);
  // The handler goes on after the modal closes: wait for its card refresh so it cannot land later.
  await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
}

describe('My feedback', () => {
  it('lists an author’s own items; Edit pushes a modal whose saved text replaces the item and refreshes the list', async () => {
    const { retro } = await feedbackFor('C0MYFB1', 'Spring campaign');
    const alice = t.user('UALICE', 'C0MYFB1');
    await submitOk(
      alice,
      retro,
      { start: 'Run more webinars\n\nShip the landing page early', stop: 'Late creative handoffs' },
      false,
    );
    const webinars = await itemByBody(retro.id, 'Run more webinars');

    const list = await openMyFeedback(alice, retro);
    const shown = viewText(list);
    for (const body of ['Run more webinars', 'Ship the landing page early', 'Late creative handoffs']) {
      expect(shown).toContain(body);
    }
    const ids = (await itemsOf(retro.id)).map((i) => i.id).sort();
    expect(buttonValues(list, FEEDBACK_IDS.actions.edit).sort()).toEqual(ids);
    expect(buttonValues(list, FEEDBACK_IDS.actions.withdraw).sort()).toEqual(ids);

    const edit = await pushFrom(alice, FEEDBACK_IDS.actions.edit, webinars.id, list);
    expect(edit.callback_id).toBe(FEEDBACK_IDS.views.edit);
    const field = edit.blocks.find((b) => b.block_id === FEEDBACK_IDS.blocks.text);
    expect(field?.element?.initial_value).toBe('Run more webinars');

    const before = t.slack.calls.length;
    const saved = await submitPushed(alice, edit, list, 'Run two webinars a month');
    expect(saved.status).toBe(200);
    expect(saved.json?.response_action, JSON.stringify(saved.json)).toBeUndefined();

    const stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('id', '=', webinars.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe('Run two webinars a month');
    expect(stored.id).toBe(webinars.id); // still there, not withdrawn
    expect(stored.author_id).toBe('UALICE');
    // Nothing else changed.
    expect((await itemsOf(retro.id)).length).toBe(3);

    const refreshed = await t.slack.waitForCall('views.update', (c) => c.body.view_id === list.id, before);
    expect(refreshed.body.view.callback_id).toBe(FEEDBACK_IDS.views.myFeedback);
    expect(viewText(refreshed.body.view)).toContain('Run two webinars a month');
    expect(viewText(refreshed.body.view)).not.toContain('Run more webinars');
  });

  it('withdraws an item: it is deleted, leaves the list, and the card counts one item less', async () => {
    const { retro } = await feedbackFor('C0MYFB2', 'Summer launch');
    const alice = t.user('UALICE', 'C0MYFB2');
    const bob = t.user('UBOB', 'C0MYFB2');
    await submitOk(alice, retro, { start: 'Pre-book the press tour', stop: 'Launching on Fridays' }, false);
    await submitOk(bob, retro, { continue: 'Weekly launch stand-up' }, true);
    const fridays = await itemByBody(retro.id, 'Launching on Fridays');

    const list = await openMyFeedback(alice, retro);
    expect(viewText(list)).toContain('Launching on Fridays');

    // A moment later than the submissions, so the card's edit for the withdrawal can be told apart.
    t.clock.advance(1_000);
    const before = t.slack.calls.length;
    const reply = await alice.press(FEEDBACK_IDS.actions.withdraw, fridays.id, { view: list });
    expect(reply.status).toBe(200);

    const refreshed = await t.slack.waitForCall('views.update', (c) => c.body.view_id === list.id, before);
    expect(viewText(refreshed.body.view)).not.toContain('Launching on Fridays');
    expect(viewText(refreshed.body.view)).toContain('Pre-book the press tour');

    // The card's counts wait for a quiet spell after the change (src/retro/card-counts.ts), then show it.
    await cardCatchesUp(t, retro);
    const card = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('📝 2 items'),
      before,
    );
    expect(card.body.channel).toBe('C0MYFB2');

    // Withdrawn means gone: nothing keeps the text its author took back.
    const stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('id', '=', fridays.id)
      .executeTakeFirst();
    expect(stored).toBeUndefined();
    const others = (await itemsOf(retro.id)).map((i) => i.body).sort();
    expect(others).toEqual(['Pre-book the press tour', 'Weekly launch stand-up']);
  });

  it('never lists anonymous items, even to the person who wrote them, and says why', async () => {
    const { retro } = await feedbackFor('C0MYFB3', 'Q2 pipeline');
    const bob = t.user('UBOB', 'C0MYFB3');
    const dana = t.user('UDANA', 'C0MYFB3');
    await submitOk(bob, retro, { stop: 'Secret: the budget review is theatre' }, true);
    await submitOk(bob, retro, { continue: 'Signed: weekly pipeline sync' }, false);
    await submitOk(dana, retro, { start: 'Hidden: hire a second SDR' }, true);
    const anonymous = await itemByBody(retro.id, 'Secret: the budget review is theatre');
    expect(anonymous.author_id).toBeNull();

    const bobs = await openMyFeedback(bob, retro);
    const bobText = viewText(bobs);
    expect(bobText).toContain('Signed: weekly pipeline sync');
    expect(bobText).not.toContain('Secret: the budget review is theatre');
    expect(bobText).not.toContain('Hidden: hire a second SDR');
    expect(bobText).toContain('Anonymous items are not listed');
    expect(buttonValues(bobs, FEEDBACK_IDS.actions.edit)).not.toContain(anonymous.id);
    expect(buttonValues(bobs, FEEDBACK_IDS.actions.withdraw)).not.toContain(anonymous.id);

    const danas = await openMyFeedback(dana, retro);
    const danaText = viewText(danas);
    expect(danaText).not.toContain('Hidden: hire a second SDR');
    expect(danaText).toContain('You have no items with your name');
    expect(danaText).toContain('Anonymous items are not listed');
    expect(buttonValues(danas, FEEDBACK_IDS.actions.edit)).toEqual([]);

    // Even with the anonymous item's id in hand, its author cannot edit it: nothing links it to them.
    const refused = await pushFrom(bob, FEEDBACK_IDS.actions.edit, anonymous.id, bobs);
    expect(refused.callback_id).not.toBe(FEEDBACK_IDS.views.edit);
    expect(viewText(refused)).toContain('can no longer be edited');
  });

  it('does not let anyone else edit or withdraw an author’s item', async () => {
    const { retro } = await feedbackFor('C0MYFB4', 'Field marketing');
    const alice = t.user('UALICE', 'C0MYFB4');
    const carol = t.user('UCAROL', 'C0MYFB4');
    await submitOk(alice, retro, { start: 'Alice: sponsor the summit' }, false);
    await submitOk(carol, retro, { stop: 'Carol: cold email blasts' }, false);
    const target = await itemByBody(retro.id, 'Alice: sponsor the summit');
    const carolsList = await openMyFeedback(carol, retro);
    expect(viewText(carolsList)).not.toContain('Alice: sponsor the summit');

    // A forged Withdraw with Alice's item id.
    const withdraw = await carol.press(FEEDBACK_IDS.actions.withdraw, target.id, { view: carolsList });
    expect(withdraw.status).toBe(200);

    // A forged Edit with Alice's item id: a notice instead of the edit form.
    const refused = await pushFrom(carol, FEEDBACK_IDS.actions.edit, target.id, carolsList);
    expect(refused.callback_id).not.toBe(FEEDBACK_IDS.views.edit);
    expect(viewText(refused)).toContain('can no longer be edited');
    expect(JSON.stringify(refused)).not.toContain('Alice: sponsor the summit');

    // Carol replays Alice's own edit form (signed metadata and all) as her submission.
    const alicesList = await openMyFeedback(alice, retro);
    const alicesEdit = await pushFrom(alice, FEEDBACK_IDS.actions.edit, target.id, alicesList);
    expect(alicesEdit.callback_id).toBe(FEEDBACK_IDS.views.edit);
    const replayed = await submitPushed(carol, alicesEdit, carolsList, 'Carol rewrote this');
    expect(replayed.json?.response_action).toBe('errors');
    expect(replayed.json?.errors?.[FEEDBACK_IDS.blocks.text]).toBeTruthy();

    const stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe('Alice: sponsor the summit');
    expect(stored.id).toBe(target.id); // still there, not withdrawn
    expect(stored.author_id).toBe('UALICE');
    // Alice's list (opened after the forged Withdraw) still has the item.
    expect(viewText(alicesList)).toContain('Alice: sponsor the summit');
  });

  it('validates the edited text inline: empty, over 500 characters, or more than one item', async () => {
    const { retro } = await feedbackFor('C0MYFB5', 'Partner program');
    const alice = t.user('UALICE', 'C0MYFB5');
    await submitOk(alice, retro, { continue: 'Quarterly partner webinars' }, false);
    const item = await itemByBody(retro.id, 'Quarterly partner webinars');
    const list = await openMyFeedback(alice, retro);
    const edit = await pushFrom(alice, FEEDBACK_IDS.actions.edit, item.id, list);

    for (const text of ['', '   ', 'x'.repeat(501), 'First item\n\nSecond item', '- First\n- Second']) {
      const reply = await submitPushed(alice, edit, list, text);
      expect(reply.status).toBe(200);
      expect(reply.json?.response_action, JSON.stringify(text.slice(0, 20))).toBe('errors');
      const error = reply.json?.errors?.[FEEDBACK_IDS.blocks.text];
      expect(typeof error).toBe('string');
      expect(error.length).toBeGreaterThan(0);
      if (text.length === 501) expect(error).toContain('500');
    }
    let stored = await itemByBody(retro.id, 'Quarterly partner webinars');
    expect(stored.id).toBe(item.id);

    // Exactly 500 characters is allowed.
    const longest = `Partner ${'y'.repeat(492)}`;
    expect(longest).toHaveLength(500);
    const ok = await submitPushed(alice, edit, list, longest);
    expect(ok.json?.response_action, JSON.stringify(ok.json)).toBeUndefined();
    stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe(longest);
  });

  it('refuses an edit once the feedback is revealed, keeps the item and tells the author', async () => {
    const { retro, fac } = await feedbackFor('C0MYFB6', 'Brand refresh');
    const alice = t.user('UALICE', 'C0MYFB6');
    await submitOk(alice, retro, { start: 'Test the new logo with customers' }, false);
    const item = await itemByBody(retro.id, 'Test the new logo with customers');
    const list = await openMyFeedback(alice, retro);
    const edit = await pushFrom(alice, FEEDBACK_IDS.actions.edit, item.id, list);

    const beforeReveal = t.slack.calls.length;
    await fac.press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postMessage', (c) => c.body.thread_ts === retro.cardTs, beforeReveal);
    const phase = await t.database.db
      .selectFrom('retros')
      .select('phase')
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(phase.phase).toBe('voting');

    // The edit form was still open: saving it now is refused on the field.
    const late = await submitPushed(alice, edit, list, 'Rewritten after everyone saw it');
    expect(late.json?.response_action).toBe('errors');
    expect(late.json?.errors?.[FEEDBACK_IDS.blocks.text]).toContain('can no longer be edited');

    // Edit pressed again in the stale list: a notice, not the form.
    const refused = await pushFrom(alice, FEEDBACK_IDS.actions.edit, item.id, list);
    expect(refused.callback_id).not.toBe(FEEDBACK_IDS.views.edit);
    expect(viewText(refused)).toContain('can no longer be edited');

    // My feedback on the card: told privately that items can no longer change.
    const before = t.slack.calls.length;
    await alice.press(ACTIONS.myFeedback, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postEphemeral', (c) => c.body.user === 'UALICE', before);
    expect(ephemeralsTo(t, 'UALICE', before).join('\n')).toContain(
      'Items can only be changed while feedback is being collected',
    );
    expect(t.slack.calls.slice(before).some((c) => c.method === 'views.open')).toBe(false);

    const stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe('Test the new logo with customers');
    expect(stored.id).toBe(item.id); // still there, not withdrawn
  });

  it('refuses a withdraw once the feedback is revealed and tells the author (the list stops offering it)', async () => {
    const { retro, fac } = await feedbackFor('C0MYFB7', 'Events season');
    const alice = t.user('UALICE', 'C0MYFB7');
    await submitOk(alice, retro, { stop: 'Booking booths in August' }, false);
    const item = await itemByBody(retro.id, 'Booking booths in August');
    const list = await openMyFeedback(alice, retro);

    const beforeReveal = t.slack.calls.length;
    await fac.press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, beforeReveal);

    // Withdraw pressed (and confirmed) in the list that was open before the reveal.
    const before = t.slack.calls.length;
    await alice.press(FEEDBACK_IDS.actions.withdraw, item.id, { view: list });
    // Today nothing answers: withdrawFeedbackPressed returns silently when changeMyItem refuses
    // (src/feedback/handlers.ts, `if (!changed) return;`), so this waits in vain and fails.
    const answer = await waitFor(
      () =>
        t.slack.calls
          .slice(before)
          .find(
            (c) =>
              (c.method === 'views.update' && c.body.view_id === list.id) ||
              c.method === 'views.push' ||
              (c.method === 'chat.postEphemeral' && c.body.user === 'UALICE') ||
              (c.method === 'chat.postMessage' && c.body.channel === 'UALICE'),
          ),
      'Alice being told that her item can no longer be withdrawn',
    );
    if (answer.method === 'views.update') {
      // The refreshed list no longer offers Edit / Withdraw and says why.
      expect(buttonValues(viewOf(answer), FEEDBACK_IDS.actions.withdraw)).toEqual([]);
      expect(viewText(answer.body.view)).toContain('can no longer be edited or withdrawn');
    } else {
      expect(messageText(answer.body.view ?? answer.body)).toMatch(/withdr|revealed|moved on/i);
    }

    const stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(stored.id).toBe(item.id); // still there, not withdrawn
  });
});
