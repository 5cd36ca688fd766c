import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { CARRY_OVER_IDS } from '../../src/carry-over/carry-over.ids.js';
import { DRAFT_IDS } from '../../src/drafts/drafts.ids.js';
import { kpiBlockId } from '../../src/kpi/present-kpi-modal.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SCHEDULE_IDS } from '../../src/schedules/schedules.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addPeople,
  expectFeedbackSaved,
  messageText,
  openFromCard,
  pressInMessage,
  type StartedRetro,
} from './retro-helpers.js';
import { dmsTo, monthlyFields, scheduleThroughModal, tick } from './schedule-helpers.js';

/**
 * A marketing team's monthly retro over three months, the way the bot keeps it: scheduled for the last
 * Friday at 15:00 Berlin time, prepared a day before, each retro reviewing what the last one promised,
 * KPIs followed from one to the next with the actions meant to move them, a message saved between two
 * retros offered when the next opens, and the channel's history.
 */

const CHANNEL = 'C0MONTHLY';
const A = ACTION_ITEM_IDS;
const R = CARRY_OVER_IDS.actions;
const DAY_MS = 86_400_000;
/** The last Fridays of December, January and February at 15:00 in Berlin (winter time: 14:00Z). */
const STARTS = ['2026-12-25T14:00:00Z', '2027-01-29T14:00:00Z', '2027-02-26T14:00:00Z'].map(
  (s) => new Date(s),
);

let t: TestApp;
const maya = () => t.user('UMAYA', CHANNEL);
const retros: StartedRetro[] = [];
const items: Record<string, string> = {};

const dueIn = (days: number) => new Date(t.clock.now().getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** Moves the clock to `at` and runs a tick of every job, then sends what they queued. */
async function runAt(at: Date): Promise<void> {
  t.clock.set(at);
  await tick(t);
}

/** The retro the schedule started at `at`, with the card the job posted. */
async function startedAt(at: Date): Promise<StartedRetro> {
  const row = await waitFor(
    () =>
      t.database.db
        .selectFrom('retros')
        .selectAll()
        .where('channel_id', '=', CHANNEL)
        .where('scheduled_for', '=', at)
        .where('card_ts', 'is not', null)
        .executeTakeFirst(),
    'the scheduled retro and its card',
  );
  return { id: row.id, cardTs: String(row.card_ts) };
}

/** The latest text of the retro's card: its post, or the last edit of it. */
function cardText(retro: StartedRetro): string {
  const versions = t.slack.calls.filter(
    (c) =>
      (c.method === 'chat.postMessage' && c.result?.ts === retro.cardTs) ||
      (c.method === 'chat.update' && c.body.ts === retro.cardTs),
  );
  return messageText(versions.at(-1)?.body ?? {});
}

async function kpiIds(retro: StartedRetro): Promise<Record<string, string>> {
  const rows = await t.database.db
    .selectFrom('retro_kpis')
    .select(['id', 'metric'])
    .where('retro_id', '=', retro.id)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.metric, r.id]));
}

/** Types the KPI actuals through the card's modal, as a facilitator. */
async function fillKpis(retro: StartedRetro, actuals: Record<string, string>): Promise<void> {
  const ids = await kpiIds(retro);
  const view = await openFromCard(t, maya(), ACTIONS.editKpis, retro);
  const fields = Object.fromEntries(Object.entries(actuals).map(([m, v]) => [kpiBlockId(String(ids[m])), v]));
  const saved = await maya().submit(view, fields);
  expect(saved.json?.response_action, JSON.stringify(saved.json)).toBeUndefined();
  await t.rearview.features.outbox.flush();
}

/** Reveal and end voting, where action items begin; each press waits for the phase it moves to. */
async function toDiscussion(retro: StartedRetro): Promise<void> {
  for (const [action, phase] of [
    [ACTIONS.startVoting, 'voting'],
    [ACTIONS.startDiscussion, 'discussing'],
  ] as const) {
    expect((await maya().press(action, retro.id, { messageTs: retro.cardTs })).status).toBe(200);
    await waitFor(async () => {
      const row = await t.database.db
        .selectFrom('retros')
        .select('phase')
        .where('id', '=', retro.id)
        .executeTakeFirst();
      return row?.phase === phase || undefined;
    }, `the move to ${phase}`);
  }
}

async function close(): Promise<string> {
  const before = t.slack.calls.length;
  expect((await maya().command('close')).status).toBe(200);
  await t.rearview.features.outbox.flush();
  const summary = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === CHANNEL && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
    before,
  );
  return messageText(summary.body);
}

/** The review of last time's actions in the retro's thread. */
function reviewOf(retro: StartedRetro): RecordedCall {
  const review = t.slack.calls.find(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.body.thread_ts === retro.cardTs &&
      String(c.body.text).startsWith('Last time') &&
      c.result?.ok,
  );
  if (!review) throw new Error('no review of last time’s actions');
  return review;
}

function pressReview(retro: StartedRetro, userId: string, action: string, itemId: string) {
  const review = reviewOf(retro);
  return t
    .user(userId, CHANNEL)
    .press(action, `${itemId}/${retro.id}`, { messageTs: String(review.result?.ts) });
}

async function itemId(title: string): Promise<string> {
  const row = await waitFor(
    () => t.database.db.selectFrom('action_items').select('id').where('title', '=', title).executeTakeFirst(),
    `the action "${title}"`,
  );
  return row.id;
}

beforeAll(async () => {
  t = await startTestApp();
  addPeople(t, ['UMAYA'], 'Europe/Berlin');
  addPeople(t, ['UOWEN'], 'America/Chicago');
  addPeople(t, ['UBEA'], 'Asia/Kolkata');
  t.slack.members.set(CHANNEL, ['UREARVIEW', 'UMAYA', 'UOWEN', 'UBEA']);
});
afterAll(() => t?.close());

describe('a monthly GTM retro that carries over', () => {
  it('is scheduled for the last Friday at 15:00 Berlin, and its facilitator prepares the KPIs a day before', async () => {
    await scheduleThroughModal(
      t,
      maya(),
      monthlyFields(['UMAYA'], {
        [SCHEDULE_IDS.blocks.kpis]: 'CAC | $180 | | | lower\nWin rate | 22% | |',
        // From December: November's last Friday is three days after the test clock's start.
        [SCHEDULE_IDS.blocks.startingOn]: '2026-12-01',
      }),
    );
    const start = STARTS[0] as Date;
    const before = t.slack.calls.length;
    await runAt(new Date(start.getTime() - DAY_MS));
    const prep = dmsTo(t, 'UMAYA', before).filter((c) => messageText(c.body).includes('Time to prepare'));
    expect(prep).toHaveLength(1);
    const dm = prep[0] as RecordedCall;
    const button = (dm.body.blocks as any[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .find((e) => e.action_id === SCHEDULE_IDS.prepareKpis);
    const opened = t.slack.calls.length;
    await t.sender.blockAction(
      { userId: 'UMAYA', channelId: String(dm.body.channel) },
      { actionId: SCHEDULE_IDS.prepareKpis, value: button.value },
      { messageTs: String(dm.result?.ts) },
    );
    const modal = await t.user('UMAYA', String(dm.body.channel)).waitForView(opened);
    const saved = await t
      .user('UMAYA', String(dm.body.channel))
      .submit(modal, { prep_kpi_0: '$230', prep_kpi_1: '19%' });
    expect(saved.json?.response_action === 'errors', JSON.stringify(saved.json)).toBe(false);
  });

  it('starts the first retro at 15:00 with the prepared actuals; actions are linked to the missed KPI', async () => {
    await runAt(STARTS[0] as Date);
    const first = await startedAt(STARTS[0] as Date);
    retros.push(first);
    expect(cardText(first)).toContain('$230 vs target $180');
    await toDiscussion(first);

    const cac = (await kpiIds(first)).CAC;
    const before = t.slack.calls.length;
    await maya().press(A.actions.add, `kpi:${cac}`, { messageTs: first.cardTs });
    const fromKpi = await maya().waitForView(before);
    const made = await maya().submit(fromKpi, {
      [A.blocks.text]: 'Cut paid social spend on the two worst campaigns',
      [A.blocks.owner]: 'UOWEN',
      [A.blocks.due]: dueIn(21),
    });
    expect(made.json?.response_action, JSON.stringify(made.json)).toBeUndefined();
    items.cut = await itemId('Cut paid social spend on the two worst campaigns');
    for (const [title, owner] of [
      ['Call five lost deals', 'UOWEN'],
      ['Retire the old webinar deck', 'UBEA'],
    ] as const) {
      expect((await maya().command(`action ${title} <@${owner}> due ${dueIn(14)}`)).status).toBe(200);
      items[title] = await itemId(title);
    }
    const linked = await t.database.db
      .selectFrom('action_items')
      .select(['title', 'kpi_series_key'])
      .where('channel_id', '=', CHANNEL)
      .orderBy('title')
      .execute();
    expect(linked.find((i) => i.kpi_series_key === 'cac')?.title).toBe(
      'Cut paid social spend on the two worst campaigns',
    );
    await close();
  });

  it('keeps a message saved between two retros private until the next one opens', async () => {
    t.clock.set(new Date((STARTS[0] as Date).getTime() + 14 * DAY_MS));
    const before = t.slack.calls.length;
    await t.user('UOWEN', CHANNEL).messageShortcut(DRAFT_IDS.shortcuts.addToNextRetro, {
      ts: '1767000000.000100',
      text: 'Webinar leads never reached sales',
      user: 'UBEA',
    });
    const saved = await t.user('UOWEN', CHANNEL).waitForView(before);
    expect(messageText({ blocks: saved.blocks })).toContain('Saved for the next retro');
    const drafts = await t.database.db.selectFrom('retro_drafts').selectAll().execute();
    expect(drafts.map((d) => [d.user_id, d.text])).toEqual([['UOWEN', 'Webinar leads never reached sales']]);
  });

  it('starts the second retro by reviewing the first one’s open actions: done, carried over, dropped', async () => {
    await runAt(STARTS[1] as Date);
    const second = await startedAt(STARTS[1] as Date);
    retros.push(second);
    const review = messageText(reviewOf(second).body);
    for (const title of ['Cut paid social spend', 'Call five lost deals', 'Retire the old webinar deck'])
      expect(review).toContain(title);

    expect((await pressReview(second, 'UOWEN', R.done, String(items['Call five lost deals']))).status).toBe(
      200,
    );
    expect((await pressReview(second, 'UMAYA', R.carry, String(items.cut))).status).toBe(200);
    expect(
      (await pressReview(second, 'UMAYA', R.drop, String(items['Retire the old webinar deck']))).status,
    ).toBe(200);
    // A press is answered at once; its change is written right after.
    const rows = await waitFor(async () => {
      const reviewed = await t.database.db
        .selectFrom('action_reviews')
        .select(['action_item_id', 'outcome'])
        .where('retro_id', '=', second.id)
        .execute();
      return reviewed.every((r) => r.outcome !== null) ? reviewed : undefined;
    }, 'the three decisions');
    expect(Object.fromEntries(rows.map((r) => [r.action_item_id, r.outcome]))).toEqual({
      [String(items['Call five lost deals'])]: 'done',
      [String(items.cut)]: 'carried',
      [String(items['Retire the old webinar deck'])]: 'dropped',
    });
    const carried = await t.database.db
      .selectFrom('action_items')
      .selectAll()
      .where('id', '=', String(items.cut))
      .executeTakeFirstOrThrow();
    expect([carried.status, carried.owner_id, carried.retro_id, carried.carried_to_retro_id]).toEqual([
      'open',
      'UOWEN',
      retros[0]?.id,
      second.id,
    ]);
  });

  it('offers the saved message to its saver when feedback opens, and stores it anonymously only on submit', async () => {
    const offer = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.channel === 'DOWEN' && messageText(c.body).includes('Webinar leads never reached sales'),
    );
    const blocks = offer.body.blocks as any[];
    const draftId = blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .find((e) => e.action_id === DRAFT_IDS.actions.submit).value;
    const before = t.slack.calls.length;
    await pressInMessage(
      t,
      { ...offer, result: { ok: true, ts: offer.body.ts } },
      'UOWEN',
      DRAFT_IDS.actions.submit,
      draftId,
    );
    const modal = await t.user('UOWEN', 'DOWEN').waitForView(before);
    expectFeedbackSaved(await t.user('UOWEN', 'DOWEN').submit(modal, { anonymous: true }));

    const stored = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('retro_id', '=', String(retros[1]?.id))
      .execute();
    expect(stored.map((i) => [i.body, i.author_id])).toEqual([['Webinar leads never reached sales', null]]);
    expect(await t.database.db.selectFrom('retro_drafts').selectAll().execute()).toEqual([]);
  });

  it('closes the second retro with what happened since last time', async () => {
    const second = retros[1] as StartedRetro;
    await fillKpis(second, { CAC: '$212', 'Win rate': '20%' });
    const summary = await close();
    expect(summary).toMatch(/Since last time:\*? 1 done, 1 carried over, 1 dropped/);
  });

  it('shows in the third retro each KPI’s three values and the state of the action meant to move it', async () => {
    await runAt(STARTS[2] as Date);
    const third = await startedAt(STARTS[2] as Date);
    retros.push(third);
    expect(messageText(reviewOf(third).body)).toContain('Cut paid social spend');
    expect((await pressReview(third, 'UOWEN', R.done, String(items.cut))).status).toBe(200);
    await waitFor(async () => {
      const cut = await t.database.db
        .selectFrom('action_items')
        .select('status')
        .where('id', '=', String(items.cut))
        .executeTakeFirst();
      return cut?.status === 'done' || undefined;
    }, 'the carried action done');
    await fillKpis(third, { CAC: '$188', 'Win rate': '21%' });
    await waitFor(() => /\$230 → .*\$212 → .*\$188/.test(cardText(third)) || undefined, 'the CAC series');
    expect(cardText(third)).toMatch(/\$230 → .*\$212 → .*\$188 · improving.*1 linked action: 1 done/);
    expect(cardText(third)).toMatch(/19% → .*20% → .*21%/);
    const summary = await close();
    expect(summary).toMatch(/\$230 → .*\$212 → .*\$188/);
    expect(summary).toMatch(/Since last time:\*? 1 done/);
  });

  it('never shows an escaped mention in a notification', () => {
    const texts = [...t.slack.calls, ...t.slack.responses].map((c) => String(c.body.text ?? ''));
    expect(texts.filter((text) => /&lt;[#@]/.test(text))).toEqual([]);
    // Nobody was told of a missed start: the schedule began in December.
    expect(dmsTo(t, 'UMAYA').filter((c) => messageText(c.body).includes('did not start'))).toEqual([]);
  });

  it('lists the three retros in /retro history with their figures', async () => {
    const before = t.slack.responses.length;
    expect((await t.user('UOWEN', CHANNEL).command('history')).status).toBe(200);
    const reply = messageText((await t.slack.waitForResponse(() => true, before)).body);
    const lines = reply.split('\n').filter((l) => l.startsWith('•'));
    expect(lines).toHaveLength(3);
    // The first retro's three actions: one done at the second, one carried and done at the third, one dropped.
    expect(lines[0]).toMatch(
      /Monthly GTM retro · 25 Dec>\* — Dec 25 · KPIs met: 0 of 2 · Actions: 2 done of 2$/,
    );
    expect(lines[1]).toMatch(/Monthly GTM retro · 29 Jan>\* — Jan 29 · KPIs met: 0 of 2 · no actions$/);
    expect(lines[2]).toMatch(/Monthly GTM retro · 26 Feb>\* — Feb 26 · KPIs met: 0 of 2 · no actions$/);
  });
});
