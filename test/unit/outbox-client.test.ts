import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createOutboxClient, type OutboxClient } from '../../src/outbox/outbox-client.service.js';
import type { SendFailure } from '../../src/outbox/send-policy.js';
import { toFailure } from '../../src/outbox/sender.service.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';

const BOT_TOKEN = 'xoxb-bot';
const logger = createLogger({ level: 'silent' });

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
  raw: string;
  socket: number;
}

/** Answers as Slack would, with whatever the test at hand set; notes each request and its socket. */
class TinySlack {
  readonly seen: Seen[] = [];
  answer: (res: ServerResponse) => void = (res) => json(res, 200, { ok: true });
  private readonly server: Server;
  private readonly sockets = new WeakMap<Socket, number>();
  private connections = 0;

  constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        raw += chunk;
      });
      req.on('end', () => {
        const socket = this.sockets.get(req.socket) ?? -1;
        this.seen.push({
          path: req.url ?? '',
          headers: req.headers,
          form: new URLSearchParams(raw),
          raw,
          socket,
        });
        this.answer(res);
      });
    });
    this.server.on('connection', (socket) => this.sockets.set(socket, ++this.connections));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function configFor(apiUrl: string): Config {
  return {
    slack: { botToken: BOT_TOKEN, signingSecret: 'secret', appToken: undefined, apiUrl },
    database: { url: undefined, dataDir: '' },
    port: 0,
    logLevel: 'silent',
    scheduler: 'on',
  };
}

/** What the sender makes of a call's outcome: the answer itself, or the failure it decides on. */
async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    return { answered: await call };
  } catch (error) {
    return { failed: toFailure(error) };
  }
}

async function closedPort(): Promise<string> {
  const spare = createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  const { port } = spare.address() as AddressInfo;
  await new Promise((resolve) => spare.close(resolve));
  return `http://127.0.0.1:${port}/api/`;
}

describe('the outbox client', () => {
  const slack = new TinySlack();
  let apiUrl: string;
  let client: OutboxClient;
  /** Slack's own WebClient, made as the outbox made it before: each answer must fail the same way. */
  let reference: webApi.WebClient;

  beforeAll(async () => {
    apiUrl = await slack.start();
    client = createOutboxClient(configFor(apiUrl), logger);
    reference = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: apiUrl,
      logger: boltLogger(logger),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.seen.length = 0;
  });

  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Q3 & Q4* = 100%' } }];
  const message = {
    channel: 'C1',
    text: 'hi',
    blocks,
    unfurl_links: false,
    thread_ts: undefined,
    as_user: null,
  };

  it('posts a form, blocks as JSON, the token in the Authorization header only', async () => {
    const body = { users: 'U1', prevent_creation: false, return_im: undefined, blocks };
    await client.apiCall('conversations.open', { ...body, token: 'xoxb-team' });
    await reference.apiCall('conversations.open', { ...body, token: 'xoxb-team' });

    const [ours, theirs] = slack.seen;
    expect(ours?.path).toBe('/api/conversations.open');
    expect(ours?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(ours?.headers.authorization).toBe('Bearer xoxb-team');
    expect(Object.fromEntries(ours?.form ?? [])).toEqual({
      users: 'U1',
      prevent_creation: 'false',
      blocks: JSON.stringify(blocks),
    });
    // Field for field what WebClient sends, less the token it also puts in the body.
    theirs?.form.delete('token');
    expect(ours?.form.toString()).toBe(theirs?.form.toString());
  });

  it('posts a chat method’s body as JSON, with the fields a form would have', async () => {
    await client.apiCall('chat.postMessage', { ...message, token: 'xoxb-team' });
    await reference.apiCall('chat.postMessage', { ...message, token: 'xoxb-team' });

    const [ours, theirs] = slack.seen;
    expect(ours?.path).toBe('/api/chat.postMessage');
    expect(ours?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(ours?.headers.authorization).toBe('Bearer xoxb-team');
    expect(JSON.parse(ours?.raw ?? '')).toEqual({ channel: 'C1', text: 'hi', blocks, unfurl_links: false });
    theirs?.form.delete('token');
    const form = Object.fromEntries(theirs?.form ?? []);
    expect(form).toEqual({
      channel: 'C1',
      text: 'hi',
      blocks: JSON.stringify(blocks),
      unfurl_links: 'false',
    });
  });

  it('uses its own token when the call names none, and sends none when it has none', async () => {
    await client.apiCall('users.info', { user: 'U1' });
    const config = configFor(apiUrl);
    await createOutboxClient({ ...config, slack: { ...config.slack, botToken: undefined } }, logger).apiCall(
      'auth.test',
    );
    expect(slack.seen[0]?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(slack.seen[0]?.form.has('token')).toBe(false);
    expect(slack.seen[1]?.path).toBe('/api/auth.test');
    expect(slack.seen[1]?.headers.authorization).toBeUndefined();
  });

  const cases: { name: string; answer: (res: ServerResponse) => void; expected: unknown }[] = [
    {
      name: 'an ok answer is returned as parsed JSON',
      answer: (res) => json(res, 200, { ok: true, channel: 'C1', ts: '1700000000.000100' }),
      expected: { answered: { ok: true, channel: 'C1', ts: '1700000000.000100' } },
    },
    {
      name: 'a 429 is thrown with its Retry-After',
      answer: (res) => json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' }),
      expected: { failed: { kind: 'rate_limited', retryAfterSeconds: 7 } satisfies SendFailure },
    },
    {
      name: 'ok: false is Slack’s error',
      answer: (res) => json(res, 200, { ok: false, error: 'channel_not_found' }),
      expected: { failed: { kind: 'platform', error: 'channel_not_found' } satisfies SendFailure },
    },
    {
      name: 'a 500 is an HTTP failure',
      answer: (res) => json(res, 500, { ok: false }),
      expected: { failed: { kind: 'http', status: 500 } satisfies SendFailure },
    },
  ];

  it.each(cases)('$name, as from a WebClient', async ({ answer, expected }) => {
    slack.answer = answer;
    const ours = await outcome(client.apiCall('chat.postMessage', { channel: 'C1', text: 'hi' }));
    const theirs = await outcome(reference.apiCall('chat.postMessage', { channel: 'C1', text: 'hi' }));
    expect(ours).toEqual(expected);
    if ('answered' in (theirs as object)) {
      // WebClient adds an empty `response_metadata` to what Slack said.
      expect({
        answered: { ...(theirs as { answered: object }).answered, response_metadata: undefined },
      }).toEqual({
        answered: { ...(expected as { answered: object }).answered, response_metadata: undefined },
      });
    } else {
      expect(theirs).toEqual(expected);
    }
  });

  it('keeps the error shapes of WebClient’s errors', async () => {
    slack.answer = (res) => json(res, 429, {}, { 'retry-after': '7' });
    await expect(client.apiCall('chat.postMessage', { channel: 'C1' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    slack.answer = (res) => json(res, 200, { ok: false, error: 'channel_not_found' });
    await expect(client.apiCall('chat.postMessage', { channel: 'C1' })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      message: 'An API error occurred: channel_not_found',
      data: { ok: false, error: 'channel_not_found' },
    });
    slack.answer = (res) => json(res, 503, { ok: false, error: 'busy' });
    await expect(client.apiCall('chat.postMessage', { channel: 'C1' })).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 503,
      statusMessage: 'Service Unavailable',
      headers: { 'content-type': 'application/json' },
      body: { ok: false, error: 'busy' },
    });
  });

  it('a closed port is a network failure', async () => {
    const away = createOutboxClient(configFor(await closedPort()), logger);
    const error = await away.apiCall('chat.postMessage', { channel: 'C1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError, original: expect.any(Error) });
    expect(toFailure(error)).toMatchObject({ kind: 'network' });
  });

  it('sends sequential calls over one kept-alive socket', async () => {
    slack.answer = (res) => json(res, 200, { ok: true });
    const fresh = createOutboxClient(configFor(apiUrl), logger);
    for (let i = 0; i < 4; i++) await fresh.apiCall('chat.postMessage', { channel: 'C1', text: `${i}` });
    expect(slack.seen).toHaveLength(4);
    expect(new Set(slack.seen.map((s) => s.socket)).size).toBe(1);
  });
});
