import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { SETTINGS_IDS } from '../../src/settings/settings.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addPeople, startRetro } from './retro-helpers.js';

const CREATE = 'conversations.canvases.create';
const EDIT = 'canvases.edit';
const DUE = '2026-12-15';

/** JSON arguments arrive form-encoded as text. */
function arg(call: RecordedCall, name: string): any {
  const value = call.body[name];
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function markdownOf(call: RecordedCall): string {
  if (call.method === CREATE) return arg(call, 'document_content').markdown;
  const changes = arg(call, 'changes');
  return changes[0].document_content.markdown;
}

describe('The channel canvas as the record of its retros', () => {
  let t: TestApp;
  const canvasCalls = () => t.slack.countOf(CREATE) + t.slack.countOf(EDIT);
  const fac = (channel: string) => t.user('UFAC', channel);

  /** Closes the channel's open retro; resolves once the summary went out and the outbox is idle. */
  async function close(channel: string): Promise<void> {
    const before = t.slack.calls.length;
    expect((await fac(channel).command('close')).status).toBe(200);
    await t.slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.body.channel === channel && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
      before,
    );
    await settle();
  }

  /** Every queued row is sent or given up (the canvas's own queue included). */
  async function settle(): Promise<void> {
    await waitFor(async () => {
      await t.rearview.features.outbox.flush();
      const waiting = await t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .execute();
      return waiting.length === 0 ? true : undefined;
    }, 'the outbox to be idle');
  }

  async function action(channel: string, title: string): Promise<string> {
    expect((await fac(channel).command(`action ${title} <@UOWN> due ${DUE}`)).status).toBe(200);
    const row = await waitFor(
      () =>
        t.database.db.selectFrom('action_items').select('id').where('title', '=', title).executeTakeFirst(),
      `the action "${title}"`,
    );
    return row.id;
  }

  async function setCanvas(on: boolean): Promise<void> {
    const before = t.slack.calls.length;
    await fac('C0OFF').command('settings');
    const view = await fac('C0OFF').waitForView(before);
    const saved = await fac('C0OFF').submit(view, { [SETTINGS_IDS.blocks.channelCanvas]: on });
    expect(saved.json?.response_action).toBeUndefined();
  }

  beforeAll(async () => {
    t = await startTestApp();
    addPeople(t, ['UFAC', 'UOWN'], 'Europe/Berlin');
  });
  afterAll(() => t?.close());

  it('with the setting off, a close calls no canvas method', async () => {
    await startRetro(t, fac('C0OFF'), 'Q3 launch');
    await close('C0OFF');
    expect(canvasCalls()).toBe(0);
  });

  it('with the setting on, the first close creates the canvas, an action done and a second close edit it', async () => {
    await setCanvas(true);
    await startRetro(t, fac('C0CANVAS'), 'Q4 *launch* [draft](http://x)');
    const itemId = await action('C0CANVAS', 'Brief sales before launch');
    await close('C0CANVAS');
    expect(t.slack.countOf(CREATE)).toBe(1);
    expect(t.slack.countOf(EDIT)).toBe(0);
    const created = t.slack.lastCall(CREATE) as RecordedCall;
    expect(created.body.channel_id).toBe('C0CANVAS');
    expect(arg(created, 'document_content').type).toBe('markdown');
    const first = markdownOf(created);
    expect(first).toContain('Q4 \\*launch\\* \\[draft\\]\\(http://x\\)');
    expect(first).toContain('Brief sales before launch: ![](@UOWN), due 2026-12-15, ⏳ open');
    const row = await t.database.db
      .selectFrom('channel_canvases')
      .selectAll()
      .where('channel_id', '=', 'C0CANVAS')
      .executeTakeFirstOrThrow();
    expect(row.canvas_id).toBe(created.result?.canvas_id);

    await t.user('UOWN').press(ACTION_ITEM_IDS.actions.done, itemId);
    const done = await t.slack.waitForCall(EDIT, (c) => markdownOf(c).includes('✅ done'));
    expect(done.body.canvas_id).toBe(row.canvas_id);
    const changes = arg(done, 'changes');
    expect(changes).toHaveLength(1);
    expect(changes[0].operation).toBe('replace');
    expect(t.slack.countOf(EDIT)).toBe(1);

    t.clock.advance(7 * 86_400_000);
    await startRetro(t, fac('C0CANVAS'), 'Q1 launch');
    await close('C0CANVAS');
    expect(t.slack.countOf(CREATE)).toBe(1);
    expect(t.slack.countOf(EDIT)).toBe(2);
    const latest = markdownOf(t.slack.lastCall(EDIT) as RecordedCall);
    // Newest first.
    expect(latest.indexOf('## Q1 launch')).toBeGreaterThan(-1);
    expect(latest.indexOf('## Q1 launch')).toBeLessThan(latest.indexOf('## Q4'));
  });

  it('with canvas_disabled, the facilitator is told once and the summaries still go out', async () => {
    t.slack.disableCanvases();
    const dms = () =>
      t.slack
        .callsOf('chat.postMessage')
        .filter((c) => c.body.channel === 'DFAC' && String(c.body.text).includes('channel canvas'));
    await startRetro(t, fac('C0REFUSED'), 'Pipeline review');
    await close('C0REFUSED');
    await waitFor(() => (dms().length === 1 ? true : undefined), 'the facilitator to be told');
    expect(dms()[0]?.body.text).toContain('canvases are turned off in this workspace');
    const refused = await t.database.db
      .selectFrom('channel_canvases')
      .selectAll()
      .where('channel_id', '=', 'C0REFUSED')
      .executeTakeFirstOrThrow();
    expect(refused).toMatchObject({ canvas_id: null, disabled_reason: 'canvas_disabled' });
    const tries = t.slack.countOf(CREATE);

    await startRetro(t, fac('C0REFUSED'), 'Pipeline review, again');
    await close('C0REFUSED');
    await settle();
    expect(t.slack.countOf(CREATE)).toBe(tries);
    expect(dms()).toHaveLength(1);
  });

  it('tries a refused canvas again once the setting is turned off and on', async () => {
    t.slack.reset();
    t.clock.advance(60_000);
    await setCanvas(false);
    await startRetro(t, fac('C0REFUSED'), 'Pipeline review, third');
    await close('C0REFUSED');
    expect(t.slack.countOf(CREATE)).toBe(0);

    t.clock.advance(60_000);
    await setCanvas(true);
    await startRetro(t, fac('C0REFUSED'), 'Pipeline review, fourth');
    await close('C0REFUSED');
    expect(t.slack.countOf(CREATE)).toBe(1);
    const row = await t.database.db
      .selectFrom('channel_canvases')
      .selectAll()
      .where('channel_id', '=', 'C0REFUSED')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      canvas_id: t.slack.lastCall(CREATE)?.result?.canvas_id,
      disabled_reason: null,
    });
  });
});
