import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { DRAFT_IDS } from '../../src/drafts/drafts.ids.js';
import { offerDrafts } from '../../src/drafts/index.js';
import { FEEDBACK_IDS } from '../../src/feedback/feedback.ids.js';
import { mixDueRetros } from '../../src/feedback/mixing.service.js';
import { retroById } from '../../src/retro/retro.guard.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import type { OpenedView } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { expectFeedbackSaved, messageText, type StartedRetro, startRetro } from './retro-helpers.js';

/** *Add to next retro* between two retros, and *Make action item*, from a message's ⋯ menu. */

const CHANNEL = 'C0DRAFTS';
const SECRET = 'Partner email doubled webinar signups but nobody told sales';
const OTHER = 'Pricing page confused the Berlin leads';
const MESSAGE_TS = '1764000000.000100';
const DAY_MS = 24 * 3600_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: 'UFAC', name: 'Fran', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: 'USAVER', name: 'Sam', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: 'UOTHER', name: 'Olga', tz: 'America/New_York' });
  t.slack.addUser({ id: 'UOWNER', name: 'Owen' });
});
afterAll(() => t?.close());

const draftRows = () => t.database.db.selectFrom('retro_drafts').selectAll().execute();

async function closeRetro(retro: StartedRetro): Promise<void> {
  await t.database.db
    .updateTable('retros')
    .set({ phase: 'closed', closed_at: t.clock.now() })
    .where('id', '=', retro.id)
    .execute();
}

/** A schedule row as the schedules feature keeps it: the channel's next retro on Friday 15:00 UTC. */
async function scheduleNextRetro(startAt: Date): Promise<void> {
  await t.database.db
    .insertInto('retro_schedules')
    .values({
      id: randomUUID(),
      team_id: t.slack.teamId,
      channel_id: CHANNEL,
      title: 'Monthly GTM retro',
      kind: 'campaign',
      template: 'start_stop_continue',
      cadence: JSON.stringify({ every: 'month' }),
      start_time: '15:00',
      time_zone: 'UTC',
      kpi_lines: null,
      facilitator_ids: ['UFAC'],
      created_by: 'UFAC',
      collect_hours: 48,
      voting_hours: 24,
      next_start_at: startAt,
      prepared_for: null,
      prepared_kpis: null,
    })
    .execute();
}

async function shortcut(
  userId: string,
  channel: string,
  callbackId: string,
  message: { ts: string; text: string },
) {
  const before = t.slack.calls.length;
  const reply = await t.user(userId, channel).messageShortcut(callbackId, { ...message, user: 'UAUTHOR' });
  expect(reply.status).toBe(200);
  return t.user(userId, channel).waitForView(before);
}

const viewText = (view: OpenedView) => messageText({ text: view.title?.text ?? '', blocks: view.blocks });

/** A button pressed in a DM the app posted, as Slack sends it. */
function pressInDm(dm: RecordedCall, userId: string, actionId: string, value: string) {
  return t.sender.interaction({
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: t.slack.teamId },
    api_app_id: 'A0REARVIEW',
    token: 'verification-token-unused',
    trigger_id: `trigger.${randomUUID()}`,
    team: { id: t.slack.teamId, domain: 'fake-team' },
    container: { type: 'message', message_ts: dm.body.ts, channel_id: dm.body.channel, is_ephemeral: false },
    channel: { id: dm.body.channel, name: 'directmessage' },
    message: { type: 'message', ts: dm.body.ts, text: dm.body.text, blocks: dm.body.blocks },
    state: { values: {} },
    response_url: t.slack.responseUrl(),
    actions: [{ action_id: actionId, block_id: 'b', type: 'button', value, action_ts: '1' }],
  });
}

function buttonValue(dm: RecordedCall, actionId: string, text: string): string {
  const blocks = dm.body.blocks as any[];
  const at = blocks.findIndex((b) => b.type === 'section' && String(b.text?.text).includes(text));
  const actions = blocks.slice(at).find((b) => b.type === 'actions');
  return actions.elements.find((e: any) => e.action_id === actionId).value;
}

describe('Add to next retro', () => {
  let first: StartedRetro;
  let second: StartedRetro;
  const nextStart = new Date('2026-11-27T15:00:00Z');
  let savedDm: RecordedCall;

  it('says plainly that nothing runs in a channel without a retro or a schedule', async () => {
    for (const callbackId of [DRAFT_IDS.shortcuts.addToNextRetro, DRAFT_IDS.shortcuts.makeActionItem]) {
      const view = await shortcut('USAVER', 'C0EMPTY', callbackId, { ts: MESSAGE_TS, text: SECRET });
      expect(view.title?.text).toBe('No retro here');
      expect(viewText(view)).toContain('No retro runs or is scheduled in <#C0EMPTY>');
      expect(viewText(view)).toContain('/retro schedule');
    }
    expect(await draftRows()).toEqual([]);
  });

  it('saves a message privately between two retros, with its link, and says when the next one starts', async () => {
    first = await startRetro(t, t.user('UFAC', CHANNEL), 'November retro');
    await closeRetro(first);
    await scheduleNextRetro(nextStart);

    const view = await shortcut('USAVER', CHANNEL, DRAFT_IDS.shortcuts.addToNextRetro, {
      ts: MESSAGE_TS,
      text: `  ${SECRET}  `,
    });
    // 15:00 UTC is 16:00 on the saver's Berlin clock.
    expect(viewText(view)).toContain(
      `Saved for the next retro in <#${CHANNEL}> (starts Fri, Nov 27, 16:00). You'll get a DM when feedback opens; nothing is shared before you submit.`,
    );
    await shortcut('USAVER', CHANNEL, DRAFT_IDS.shortcuts.addToNextRetro, {
      ts: '1764000000.000200',
      text: OTHER,
    });
    const rows = await draftRows();
    expect(rows.map((r) => [r.user_id, r.channel_id, r.text])).toEqual([
      ['USAVER', CHANNEL, SECRET],
      ['USAVER', CHANNEL, OTHER],
    ]);
    expect(rows[0]?.message_link).toBe(`https://fake.slack.test/archives/${CHANNEL}/p1764000000000100`);
    // Nothing reaches the channel or anyone else.
    expect(
      t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL),
    ).toHaveLength(1);
  });

  it('offers the saved messages in one DM when the next retro opens, and stores nothing before a submit', async () => {
    t.clock.set(nextStart);
    const before = t.slack.calls.length;
    second = await startRetro(t, t.user('UFAC', CHANNEL), 'December retro');
    await t.rearview.features.outbox.flush();
    savedDm = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.channel === 'DSAVER' && messageText(c.body).includes(SECRET),
      before,
    );
    const posts = t.slack.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'DSAVER');
    expect(posts).toHaveLength(1);
    // The post itself carries none of the saved text: it is drawn into the DM when the edit is sent.
    expect(messageText(posts[0]?.body ?? {})).not.toContain(SECRET);
    const text = messageText(savedDm.body);
    expect(text).toContain('Feedback is open for *December retro*');
    expect(text).toContain(OTHER);
    expect(text).toContain(
      `<https://fake.slack.test/archives/${CHANNEL}/p1764000000000100|View the message>`,
    );
    const items = await t.database.db.selectFrom('feedback_items').selectAll().execute();
    expect(items).toEqual([]);

    // The step run again (a retried start) offers nothing twice.
    const started = await retroById(t.database.db, t.slack.teamId, second.id);
    if (!started) throw new Error('the retro is gone');
    await offerDrafts(t.rearview.features, started);
    await t.rearview.features.outbox.flush();
    expect(
      t.slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'DSAVER'),
    ).toHaveLength(1);
  });

  it('stores the message only when its saver submits it, anonymously, and keeps no tie to them', async () => {
    const draftId = buttonValue(savedDm, DRAFT_IDS.actions.submit, SECRET);
    const before = t.slack.calls.length;
    await pressInDm(savedDm, 'USAVER', DRAFT_IDS.actions.submit, draftId);
    const modal = await t.user('USAVER', 'DSAVER').waitForView(before);
    expect(modal.callback_id).toBe(DRAFT_IDS.views.feedback);
    const first = modal.blocks.find((b) => b.type === 'input');
    expect(first?.element.initial_value).toBe(SECRET);
    const anonymous = modal.blocks.find((b) => b.block_id === 'anonymous');
    expect(anonymous?.element.initial_options).toHaveLength(1);
    // Pressed twice: two modals, one draft.
    const again = t.slack.calls.length;
    await pressInDm(savedDm, 'USAVER', DRAFT_IDS.actions.submit, draftId);
    const secondModal = await t.user('USAVER', 'DSAVER').waitForView(again);
    expect(await t.database.db.selectFrom('feedback_items').selectAll().execute()).toEqual([]);

    const responsesBefore = t.slack.responses.length;
    expectFeedbackSaved(await t.user('USAVER', 'DSAVER').submit(modal));
    const items = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('retro_id', '=', second.id)
      .execute();
    expect(items.map((i) => [i.body, i.author_id])).toEqual([[SECRET, null]]);

    // The other modal, and the same submission delivered again, store nothing more.
    const late = await t.user('USAVER', 'DSAVER').submit(secondModal);
    expect(late.json?.view?.title?.text).toBe('Already handled');
    const replay = await t.user('USAVER', 'DSAVER').submit(modal);
    expect(replay.json?.view?.title?.text).toBe('Already handled');
    expect(await t.database.db.selectFrom('feedback_items').selectAll().execute()).toHaveLength(1);

    // No draft names the saver beside the text any more, nor does any other row.
    const rows = await draftRows();
    expect(rows.map((r) => r.text)).toEqual([OTHER]);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(SECRET);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.database.db);
    for (const { table_name } of tables.rows) {
      const all = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(
        t.database.db,
      );
      const tied = all.rows.filter(
        (r) => JSON.stringify(r).includes('USAVER') && JSON.stringify(r).includes(SECRET),
      );
      expect(tied, table_name).toEqual([]);
    }
    // The mix vacuums the drafts' table with the items'.
    expect(await mixDueRetros(t.database.db, t.clock.now())).toBe(1);

    // The DM is redrawn through the press's response URL: the submitted message is gone from it.
    const redrawn = await waitFor(
      () => t.slack.responses.slice(responsesBefore).find((r) => r.body.replace_original === true),
      'the DM redrawn',
    );
    expect(messageText(redrawn.body)).toContain(OTHER);
    expect(messageText(redrawn.body)).not.toContain(SECRET);
  });

  it('discards a saved message for good', async () => {
    const [row] = await draftRows();
    const before = t.slack.responses.length;
    await pressInDm(savedDm, 'USAVER', DRAFT_IDS.actions.discard, String(row?.id));
    const redrawn = await waitFor(() => t.slack.responses[before], 'the DM redrawn');
    expect(await draftRows()).toEqual([]);
    expect(messageText(redrawn.body)).toContain('Nothing left of what you saved');
    // Pressed again: nothing to discard, said privately.
    const calls = t.slack.calls.length;
    await pressInDm(savedDm, 'USAVER', DRAFT_IDS.actions.discard, String(row?.id));
    await t.slack
      .waitForCall('chat.postEphemeral', (c) => c.body.user === 'USAVER', calls)
      .catch(() => t.slack.waitForCall('chat.postMessage', (c) => c.body.channel === 'USAVER', calls));
  });

  it('while a retro collects feedback, opens its feedback modal pre-filled and saves nothing', async () => {
    const view = await shortcut('UOTHER', CHANNEL, DRAFT_IDS.shortcuts.addToNextRetro, {
      ts: '1764000000.000300',
      text: 'Trade show leads went cold',
    });
    expect(view.callback_id).toBe(FEEDBACK_IDS.views.feedback);
    expect(view.blocks.find((b) => b.type === 'input')?.element.initial_value).toBe(
      'Trade show leads went cold',
    );
    expect(await draftRows()).toEqual([]);
  });

  it('after collection, saves for the next retro again', async () => {
    await t.database.db.updateTable('retros').set({ phase: 'voting' }).where('id', '=', second.id).execute();
    await t.database.db
      .updateTable('retro_schedules')
      .set({ next_start_at: new Date(nextStart.getTime() + 28 * DAY_MS) })
      .execute();
    const view = await shortcut('UOTHER', CHANNEL, DRAFT_IDS.shortcuts.addToNextRetro, {
      ts: '1764000000.000400',
      text: 'Follow up on the trade show',
    });
    // Dec 25 15:00 UTC on a New York clock.
    expect(viewText(view)).toContain('(starts Fri, Dec 25, 10:00)');
    expect((await draftRows()).map((r) => r.user_id)).toEqual(['UOTHER']);
  });
});

describe('Make action item', () => {
  it("opens the action modal pre-filled from the message; the owner's DM links the message", async () => {
    const view = await shortcut('UFAC', CHANNEL, DRAFT_IDS.shortcuts.makeActionItem, {
      ts: '1764000000.000500',
      text: 'Write the sales handoff for partner webinars',
    });
    expect(view.callback_id).toBe(ACTION_ITEM_IDS.views.create);
    const textInput = view.blocks.find((b) => b.block_id === ACTION_ITEM_IDS.blocks.text);
    expect(textInput?.element.initial_value).toBe('Write the sales handoff for partner webinars');
    const link = `https://fake.slack.test/archives/${CHANNEL}/p1764000000000500`;
    expect(viewText(view)).toContain(`From <${link}|a message> in <#${CHANNEL}>`);

    const before = t.slack.calls.length;
    const reply = await t.user('UFAC', CHANNEL).submit(view, {
      [ACTION_ITEM_IDS.blocks.owner]: 'UOWNER',
      [ACTION_ITEM_IDS.blocks.due]: '2026-12-30',
    });
    expect(reply.json?.response_action, JSON.stringify(reply.json)).toBeUndefined();
    // The modal closes first; the item is stored right after.
    const item = await waitFor(
      () =>
        t.database.db
          .selectFrom('action_items')
          .selectAll()
          .where('title', '=', 'Write the sales handoff for partner webinars')
          .executeTakeFirst(),
      'the action item',
    );
    expect(item.source_link).toBe(link);
    expect(item.channel_id).toBe(CHANNEL);
    await t.rearview.features.outbox.flush();
    const dm = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === 'DOWNER' && messageText(c.body).includes('partner webinars'),
      before,
    );
    expect(messageText(dm.body)).toContain(`From <${link}|a message> in <#${CHANNEL}>`);
  });
});
