import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockProblems, viewProblems } from '../../src/demo/slack/block-limits.js';
import { multipartFile } from '../../src/demo/slack/server.js';
import { waitFor } from './poll.js';

export interface RecordedCall {
  method: string;
  body: Record<string, any>;
  token: string | undefined;
  /** When it came in, by the fake's clock (`useClock`). */
  at: Date;
  /** What the fake answered (for views: the view with its id). */
  result?: Record<string, any>;
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  tz?: string;
  tzOffset?: number;
  isBot?: boolean;
  /** A workspace admin (users.info `is_admin`). */
  isAdmin?: boolean;
}

export type Fault =
  | { kind: 'error'; error: string }
  | { kind: 'rate_limited'; retryAfter: number }
  | { kind: 'http'; status: number };

interface FaultRule {
  method: string;
  /** Picks calls by what they carry; `call.token` names the workspace. */
  match: (body: Record<string, any>, call: RecordedCall) => boolean;
  fault: Fault;
  left: number;
}

interface RateLimitWindow {
  method: string;
  retryAfter: number;
  until: Date;
  match?: (body: Record<string, any>) => boolean;
  /** Set by each 429, per channel or user called: when the caller may come back for it. */
  notBefore: Map<string, number>;
}

/** A workspace that can install the app by OAuth: its grant code and what oauth.v2.access hands out for it. */
export interface FakeWorkspace {
  teamId: string;
  code: string;
  token: string;
  botUserId: string;
  enterpriseId?: string;
  /** Token rotation: the installed access token expires this many seconds after it is issued (a refreshed one in 12 hours). */
  expiresIn?: number;
}

/** Messages posted to a `response_url` (what `respond()` and ephemeral command replies send). */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
}

/**
 * A loopback stand-in for Slack's Web API: it records every call and answers the way Slack does,
 * with faults that can be queued per method.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** What was sent to the upload URLs: as text, and the file byte for byte (an image). */
  readonly uploads: { fileId: string; content: string; bytes: Buffer }[] = [];
  readonly teamId: string;
  readonly botUserId = 'UREARVIEW';
  readonly users = new Map<string, FakeUser>();
  /** channel id → member ids; the bot is a member unless removed. */
  readonly members = new Map<string, string[]>();
  membersPageSize = 2;
  /** What apps.connections.open hands out for Socket Mode. */
  socketUrl = 'ws://127.0.0.1:1/socket';
  private readonly faults = new Map<string, Fault[]>();
  private readonly rules: FaultRule[] = [];
  private readonly rateLimits: RateLimitWindow[] = [];
  private now: () => Date = () => new Date();
  /** Calls that came in while an earlier 429's Retry-After had not yet passed (by the fake's clock). */
  readonly earlyCalls: RecordedCall[] = [];
  private readonly holds = new Map<string, Promise<void>[]>();
  /** Workspaces whose every call waits until released (a slow workspace), by team id. */
  private readonly teamHolds = new Map<string, Promise<void>>();
  /** Workspaces installing by OAuth, by grant code; tokens they were given, by token. */
  private readonly workspaces = new Map<string, FakeWorkspace>();
  private readonly tokens = new Map<string, FakeWorkspace>();
  /** Refresh tokens handed out, each good for one refresh (as Slack's are). */
  private readonly refreshTokens = new Map<string, FakeWorkspace>();
  private issued = 0;
  private server: Server | undefined;
  private seq = 0;
  baseUrl = '';

  constructor(teamId = 'T0TEAM') {
    this.teamId = teamId;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
    // Longer than any pause in a test: a client reusing a socket the server just closed would see a
    // connection reset and retry, which reads as a second call.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Clients' kept-alive connections would otherwise hold the close until they time out.
    server.closeAllConnections();
    await closed;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id = `r${++this.seq}`): string {
    return `${this.baseUrl}/response/${id}`;
  }

  /** A workspace whose admin can install the app: oauth.v2.access takes `code` and answers with its token. */
  addWorkspace(workspace: FakeWorkspace): void {
    this.workspaces.set(workspace.code, workspace);
    this.tokens.set(workspace.token, workspace);
  }

  private grant(workspace: FakeWorkspace, expiresIn = workspace.expiresIn): Record<string, unknown> {
    const rotating = expiresIn !== undefined;
    const token = rotating ? `${workspace.token}-${++this.issued}` : workspace.token;
    this.tokens.set(token, workspace);
    const refresh = `xoxe-1-refresh-${workspace.teamId}-${++this.issued}`;
    if (rotating) this.refreshTokens.set(refresh, workspace);
    return {
      ok: true,
      app_id: 'AREARVIEW',
      authed_user: { id: 'UADMIN' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: token,
      bot_user_id: workspace.botUserId,
      team: { id: workspace.teamId, name: `Team ${workspace.teamId}` },
      enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: 'Org' } : null,
      is_enterprise_install: false,
      ...(rotating ? { refresh_token: refresh, expires_in: expiresIn } : {}),
    };
  }

  private oauthAccess(body: Record<string, any>): Record<string, unknown> {
    if (body.grant_type === 'refresh_token') {
      const workspace = this.refreshTokens.get(String(body.refresh_token));
      if (!workspace) return { ok: false, error: 'invalid_refresh_token' };
      this.refreshTokens.delete(String(body.refresh_token));
      return this.grant(workspace, 12 * 60 * 60);
    }
    const workspace = this.workspaces.get(String(body.code));
    if (!workspace) return { ok: false, error: 'invalid_code' };
    // A grant code is good once, as Slack's are.
    this.workspaces.delete(String(body.code));
    return this.grant(workspace);
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` answer with `fault` instead of success. */
  fail(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Times Retry-After and rate-limit windows by this clock (e.g. the app's fake clock). */
  useClock(now: () => Date): void {
    this.now = now;
  }

  /**
   * Until `until` (by the fake's clock), `method` answers 429 with `Retry-After: retryAfter`, for the
   * calls `match` picks (all by default). A call before a given Retry-After has passed is kept in
   * `earlyCalls`.
   */
  rateLimit(
    method: string,
    options: { retryAfter: number; until: Date; match?: (body: Record<string, any>) => boolean },
  ): void {
    this.rateLimits.push({ method, ...options, notBefore: new Map() });
  }

  /** Every call of `method` that `match` picks answers with `fault` (at most `times` times). */
  refuse(
    method: string,
    match: (body: Record<string, any>, call: RecordedCall) => boolean,
    fault: Fault,
    times = Number.POSITIVE_INFINITY,
  ): void {
    this.rules.push({ method, match, fault, left: times });
  }

  /** Canvases are off in the workspace: every canvas call answers `canvas_disabled` until `reset()`. */
  disableCanvases(): void {
    for (const method of ['conversations.canvases.create', 'canvases.edit']) {
      this.refuse(method, () => true, { kind: 'error', error: 'canvas_disabled' });
    }
  }

  /** Forgets recorded calls and scripted faults, for a test that reuses this fake. */
  reset(): void {
    for (const list of [
      this.calls,
      this.responses,
      this.uploads,
      this.earlyCalls,
      this.rules,
      this.rateLimits,
    ]) {
      list.length = 0;
    }
    this.faults.clear();
  }

  countOf(method: string): number {
    return this.callsOf(method).length;
  }

  /** The next call of `method` is recorded at once but answered only after `release()`. */
  hold(method: string): () => void {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, [...(this.holds.get(method) ?? []), held]);
    return release;
  }

  /** The workspace a token was handed to (OAuth installs); the fake's own team for any other token. */
  teamOf(token: string | undefined): string {
    return (token && this.tokens.get(token)?.teamId) || this.teamId;
  }

  /** The next `times` calls of `method` from workspace `teamId` answer 429 with `Retry-After: retryAfter`. */
  limitWorkspace(teamId: string, method: string, retryAfter: number, times = 1): void {
    this.refuse(
      method,
      (_, call) => this.teamOf(call.token) === teamId,
      { kind: 'rate_limited', retryAfter },
      times,
    );
  }

  /** Every call from workspace `teamId` is recorded at once but answered only after `release()`. */
  holdWorkspace(teamId: string): () => void {
    let release = () => {};
    this.teamHolds.set(
      teamId,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.teamHolds.delete(teamId);
      release();
    };
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.callsOf(method).at(-1);
  }

  waitForCall(
    method: string,
    match: (call: RecordedCall) => boolean = () => true,
    after = 0,
  ): Promise<RecordedCall> {
    return waitFor(
      () => this.calls.slice(after).find((c) => c.method === method && match(c)),
      `a ${method} call`,
    );
  }

  waitForResponse(
    match: (post: ResponseUrlPost) => boolean = () => true,
    after = 0,
  ): Promise<ResponseUrlPost> {
    return waitFor(() => this.responses.slice(after).find(match), 'a response_url post');
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/response/')) {
      const body = JSON.parse(raw || '{}');
      const refused = messageRefusal(body);
      if (refused) return { status: 400, body: refused };
      this.responses.push({ id: url.pathname.slice('/response/'.length), body });
      return { status: 200, body: { ok: true } };
    }
    if (url.pathname.startsWith('/upload/')) {
      const file = multipartFile(bytes, req.headers['content-type']);
      this.uploads.push({ fileId: url.pathname.slice('/upload/'.length), content: raw, bytes: file });
      return { status: 200, body: { ok: true } };
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const body = parseBody(raw, req.headers['content-type']);
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? body.token;
    const call: RecordedCall = { method, body, token, at: this.now() };
    this.calls.push(call);
    await this.holds.get(method)?.shift();
    await this.teamHolds.get(this.teamOf(token));
    const fault = this.scriptedFault(call) ?? this.faults.get(method)?.shift();
    if (fault?.kind === 'rate_limited') {
      return {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfter) },
        body: { ok: false, error: 'ratelimited' },
      };
    }
    if (fault?.kind === 'http') return { status: fault.status, body: { ok: false } };
    if (fault?.kind === 'error') return { status: 200, body: { ok: false, error: fault.error } };
    call.result = this.answer(method, body, token);
    return { status: 200, body: call.result };
  }

  private scriptedFault(call: RecordedCall): Fault | undefined {
    const now = this.now().getTime();
    for (const window of this.rateLimits) {
      if (window.method !== call.method || !(window.match?.(call.body) ?? true)) continue;
      const target = String(call.body.channel ?? call.body.users ?? call.body.user ?? '');
      if (now < (window.notBefore.get(target) ?? 0)) this.earlyCalls.push(call);
      if (now < window.until.getTime()) {
        window.notBefore.set(target, now + window.retryAfter * 1000);
        return { kind: 'rate_limited', retryAfter: window.retryAfter };
      }
    }
    const rule = this.rules.find((r) => r.method === call.method && r.left > 0 && r.match(call.body, call));
    if (!rule) return undefined;
    rule.left -= 1;
    return rule.fault;
  }

  private nextTs(): string {
    this.seq += 1;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }

  private answer(method: string, body: Record<string, any>, token?: string): Record<string, unknown> {
    // Slack refuses a call that carries no token; the OAuth exchange is the one made with the app's credentials.
    if (!token && method !== 'oauth.v2.access') return { ok: false, error: 'not_authed' };
    const refused = blockKitRefusal(method, body);
    if (refused) return refused;
    switch (method) {
      case 'oauth.v2.access':
        return this.oauthAccess(body);
      case 'auth.test': {
        const workspace = token ? this.tokens.get(token) : undefined;
        if (workspace) {
          return {
            ok: true,
            url: 'https://fake.slack.test/',
            team: `Team ${workspace.teamId}`,
            user: 'rearview',
            team_id: workspace.teamId,
            user_id: workspace.botUserId,
            bot_id: 'BREARVIEW',
            is_enterprise_install: false,
            ...(workspace.enterpriseId ? { enterprise_id: workspace.enterpriseId } : {}),
          };
        }
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake Team',
          user: 'rearview',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: 'BREARVIEW',
        };
      }
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts, blocks: body.blocks } };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const id = body.view_id ?? `V${++this.seq}`;
        return { ok: true, view: { id, hash: `h${this.seq}`, ...(body.view ?? {}) } };
      }
      case 'users.info': {
        const user = this.users.get(body.user);
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: this.teamId,
            name: user.name,
            real_name: user.realName ?? user.name,
            is_bot: user.isBot ?? false,
            is_admin: user.isAdmin ?? false,
            tz: user.tz ?? 'America/New_York',
            tz_offset: user.tzOffset ?? -18000,
            profile: { display_name: user.name, real_name: user.realName ?? user.name },
          },
        };
      }
      case 'conversations.members': {
        const all = this.members.get(body.channel) ?? [];
        const start = Number(body.cursor || 0);
        const limit = Math.min(Number(body.limit) || this.membersPageSize, this.membersPageSize);
        const next = start + limit < all.length ? String(start + limit) : '';
        return {
          ok: true,
          members: all.slice(start, start + limit),
          response_metadata: { next_cursor: next },
        };
      }
      case 'conversations.info':
        return {
          ok: true,
          channel: {
            id: body.channel,
            name: String(body.channel).toLowerCase(),
            is_private: String(body.channel).startsWith('G'),
            is_member: (this.members.get(body.channel) ?? []).includes(this.botUserId),
          },
        };
      case 'conversations.join': {
        const list = this.members.get(body.channel) ?? [];
        if (!list.includes(this.botUserId)) list.push(this.botUserId);
        this.members.set(body.channel, list);
        return { ok: true, channel: { id: body.channel } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.seq}`;
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = typeof body.files === 'string' ? JSON.parse(body.files) : body.files;
        return {
          ok: true,
          files: (files ?? []).map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title })),
        };
      }
      case 'conversations.canvases.create':
        // A channel has one channel canvas (refuse it with `fail(method, { kind: 'error', error: … })`).
        return { ok: true, canvas_id: `F${++this.seq}` };
      case 'canvases.edit':
        return { ok: true };
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: body.channel,
          permalink: `https://fake.slack.test/archives/${body.channel}/p${String(body.message_ts).replace('.', '')}`,
        };
      default:
        return { ok: true };
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const VIEW_METHODS = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);

/**
 * Slack refuses a message or a view over one of Block Kit's limits whole, naming each problem (the limits
 * are the demo's, src/demo/slack/block-limits.ts): what passes here, Slack takes.
 */
function blockKitRefusal(method: string, body: Record<string, any>): Record<string, unknown> | undefined {
  if (MESSAGE_METHODS.has(method)) return messageRefusal(body);
  if (!VIEW_METHODS.has(method)) return undefined;
  return refusal('invalid_arguments', viewProblems(body.view, method === 'views.publish' ? 'home' : 'modal'));
}

/** A message, posted through the Web API or a `response_url`. */
function messageRefusal(body: Record<string, any>): Record<string, unknown> | undefined {
  return body.blocks === undefined
    ? undefined
    : refusal('invalid_blocks', blockProblems(body.blocks, 'message'));
}

function refusal(error: string, problems: string[]): Record<string, unknown> | undefined {
  return problems.length === 0 ? undefined : { ok: false, error, response_metadata: { messages: problems } };
}

/** The Web API client sends forms whose nested values (blocks, view) are JSON strings. */
function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}');
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
