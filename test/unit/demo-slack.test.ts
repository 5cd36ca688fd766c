import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMode } from '../../src/demo/demo-config.js';
import { Triggers } from '../../src/demo/slack/triggers.js';
import { createWebApi } from '../../src/demo/slack/web-api.js';
import { Workspace } from '../../src/demo/slack/workspace.js';
import { nextMonday } from '../../src/demo/time-jumps.js';
import { localTime } from '../../src/shared/wall-clock.js';

const TOKEN = 'xoxb-demo-unit';
const modal = (title = 'Hi') => ({ type: 'modal', title: { type: 'plain_text', text: title }, blocks: [] });

function slack() {
  const ws = new Workspace();
  const triggers = new Triggers();
  const at = new Date('2026-11-24T15:00:00Z');
  const api = createWebApi({
    ws,
    triggers,
    clock: { now: () => at },
    botToken: TOKEN,
    uploadBase: () => 'http://127.0.0.1:1',
    pageBase: () => 'http://localhost:3000',
  });
  return {
    ws,
    triggers,
    call: (method: string, body: Record<string, unknown>) => api.call(method, body, TOKEN),
  };
}

afterEach(() => vi.restoreAllMocks());

describe('when the demo runs', () => {
  it('runs with no Slack credential at all or when asked for, never with a real app’s credentials', () => {
    expect(startMode({}, [])).toEqual({ demo: true });
    expect(startMode({}, ['--demo'])).toEqual({ demo: true });
    expect(startMode({ SLACK_SIGNING_SECRET: 's' }, [])).toEqual({ demo: false });
    expect(startMode({ SLACK_CLIENT_ID: '1.2' }, [])).toEqual({ demo: false });
    expect(startMode({ SLACK_BOT_TOKEN: '' }, [])).toEqual({ demo: true });
    const refused = startMode({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, ['--demo']);
    expect(refused).toMatchObject({
      demo: true,
      error: expect.stringContaining('SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are set'),
    });
  });

  it('jumps to 09:00 next Monday on the given clock', () => {
    const tuesday = new Date('2026-11-24T15:00:00Z');
    const at = nextMonday(tuesday, 'Asia/Singapore');
    expect(localTime(at, 'Asia/Singapore')).toEqual({ year: 2026, month: 11, day: 30, hour: 9, minute: 1 });
  });
});

describe('the simulated Slack’s triggers', () => {
  it('opens one view per trigger: a second use, or one after 3 s, is expired_trigger_id', () => {
    const { triggers, call } = slack();
    const once = triggers.issue('U0LENA');
    expect(call('views.open', { trigger_id: once, view: modal() })).toMatchObject({ ok: true });
    expect(call('views.open', { trigger_id: once, view: modal() })).toEqual({
      ok: false,
      error: 'expired_trigger_id',
    });
    const late = triggers.issue('U0LENA');
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 3_001);
    expect(call('views.open', { trigger_id: late, view: modal() })).toEqual({
      ok: false,
      error: 'expired_trigger_id',
    });
    expect(call('views.open', { trigger_id: 'never-issued', view: modal() })).toEqual({
      ok: false,
      error: 'invalid_trigger_id',
    });
  });

  it('keeps each person’s stack: push on top, at most three, updates by id and hash', () => {
    const { ws, triggers, call } = slack();
    const opened = call('views.open', { trigger_id: triggers.issue('U0MARCUS'), view: modal('One') }) as any;
    call('views.push', { trigger_id: triggers.issue('U0MARCUS'), view: modal('Two') });
    call('views.push', { trigger_id: triggers.issue('U0MARCUS'), view: modal('Three') });
    expect(call('views.push', { trigger_id: triggers.issue('U0MARCUS'), view: modal('Four') })).toEqual({
      ok: false,
      error: 'push_limit_reached',
    });
    expect(ws.stackOf('U0MARCUS')).toHaveLength(3);
    expect(ws.topView('U0LENA')).toBeUndefined();
    expect(call('views.update', { view_id: opened.view.id, hash: 'stale', view: modal() })).toEqual({
      ok: false,
      error: 'hash_conflict',
    });
    expect(
      call('views.update', { view_id: opened.view.id, hash: opened.view.hash, view: modal('New') }),
    ).toMatchObject({ ok: true });
    expect(
      call('views.open', { trigger_id: triggers.issue('U0MARCUS'), view: modal('x'.repeat(25)) }),
    ).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
  });

  it('refuses a message over Block Kit’s limits and posts nothing', () => {
    const { ws, call } = slack();
    const button = (text: string, action_id = 'a') => ({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text }, action_id }],
    });
    for (const blocks of [
      [button('b'.repeat(76))],
      [button('ok', 'x'.repeat(256))],
      [
        { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: 'a' } },
        { type: 'divider', block_id: 'same' },
      ],
      [{ type: 'input', label: { type: 'plain_text', text: 'l' }, element: { type: 'plain_text_input' } }],
    ]) {
      expect(call('chat.postMessage', { channel: 'C0GTMLAUNCH', text: 'x', blocks })).toMatchObject({
        ok: false,
        error: 'invalid_blocks',
      });
    }
    expect(call('chat.postMessage', { channel: 'C0GTMLAUNCH' })).toEqual({ ok: false, error: 'no_text' });
    expect(ws.messages).toEqual([]);
    const posted = call('chat.postMessage', { channel: 'U0PRIYA', text: 'hello' }) as any;
    expect(posted.channel).toBe('D0PRIYA');
    expect(call('chat.postEphemeral', { channel: 'D0PRIYA', user: 'U0LENA', text: 'x' })).toEqual({
      ok: false,
      error: 'user_not_in_channel',
    });
  });
});
