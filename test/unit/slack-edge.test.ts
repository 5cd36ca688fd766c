import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../harness/fake-slack.js';
import { SignedSender } from '../harness/signed-sender.js';

/** The fake answers as Slack does where a lenient fake would let the app's mistakes through. */
describe('the fake Slack', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
  });
  afterAll(() => slack.stop());

  async function call(method: string, body: Record<string, unknown>, token?: string) {
    const res = await fetch(`${slack.apiUrl}${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  }

  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const modal = (title: string) => ({
    type: 'modal',
    title: { type: 'plain_text', text: title },
    blocks: [section('Hello')],
  });

  it.each([
    ['a call without a token', 'auth.test', {}, undefined, 'not_authed'],
    [
      'a message of 51 blocks',
      'chat.postMessage',
      { channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) },
      'xoxb-any',
      'invalid_blocks',
    ],
    [
      'a section of 3,001 characters',
      'chat.update',
      { channel: 'C1', ts: '1.1', text: 'x', blocks: [section('x'.repeat(3001))] },
      'xoxb-any',
      'invalid_blocks',
    ],
    [
      'a modal title of 25 characters',
      'views.open',
      { trigger_id: 't', view: modal('x'.repeat(25)) },
      'xoxb-any',
      'invalid_arguments',
    ],
  ])('refuses %s', async (_case, method, body, token, error) => {
    const { json } = await call(method, body, token);
    expect(json).toMatchObject({ ok: false, error });
  });

  it('takes the same message and modal within the limits', async () => {
    const post = await call(
      'chat.postMessage',
      { channel: 'C1', text: 'x', blocks: [section('x'.repeat(3000))] },
      'xoxb-any',
    );
    expect(post.json.ok).toBe(true);
    const view = await call('views.open', { trigger_id: 't', view: modal('x'.repeat(24)) }, 'xoxb-any');
    expect(view.json.ok).toBe(true);
  });

  it('refuses a response_url post over a limit and does not keep it', async () => {
    const url = slack.responseUrl();
    const blocks = Array.from({ length: 51 }, () => section('x'));
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'x', blocks }) });
    expect(res.status).toBe(400);
    expect(slack.responses).toHaveLength(0);
  });
});

describe('the signed sender', () => {
  it('fails a test whose app answers with a modal Slack would refuse', async () => {
    const answer = {
      response_action: 'update',
      view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] },
    };
    const server = createServer((_req, res) => res.end(JSON.stringify(answer)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const slack = new FakeSlack();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      const sender = new SignedSender(url, 'secret', slack);
      await expect(sender.command({ userId: 'U1' }, 'help')).rejects.toThrow(/Slack would refuse/);
    } finally {
      server.close();
    }
  });
});
