import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { webApi } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { type Logger, safeError } from '../logger.js';
import { createGroupCommit } from '../shared/group-commit.js';
import {
  type ClaimedMessage,
  claim,
  forgetDmChannel,
  keepDmChannel,
  markFailed,
  markRetry,
  markSent,
  nextDueAt,
  release,
  type SentMark,
  takeTurn,
} from './outbox.repository.js';
import { type OutboxClient, SEND_TIMEOUT_MS } from './outbox-client.service.js';
import type { MessageContent, OnSentTag } from './outbox-message.js';
import type { RateGate } from './rate-gate.js';
import { decide, isTokenRefused, SEND_POLICY, type SendFailure } from './send-policy.js';
import type { TokenCache } from './token-cache.js';

/** What Slack answered for a sent message: where it landed, so a follow-up can edit or thread it. */
export interface SentResult {
  channel?: string;
  ts?: string;
  messageTs?: string;
  /** A created canvas. */
  canvasId?: string;
}

/** Runs after Slack confirmed a send whose payload carried `onSent: { handler, data }`. */
export type OnSentHandler = (
  db: Db,
  sent: { id: string; teamId: string; data: unknown; result: SentResult; now: Date },
) => Promise<void>;

/** Where an edit goes and what the message should say now; undefined when there is nothing to edit. */
export interface RenderedEdit {
  channel: string;
  ts: string;
  content: MessageContent;
}

/** A Web API call other than a message's edit (a channel canvas), named by its renderer when it is sent. */
export interface RenderedCall {
  method: string;
  args: Record<string, unknown>;
  onSent?: OnSentTag;
  /** Runs when Slack refuses the call for good, not when it is tried again later. */
  onRefused?: OnSentTag;
}

/** Runs when Slack refused a rendered call whose `onRefused` names it; `reason` is Slack's error. */
export type OnRefusedHandler = (
  db: Db,
  refused: { teamId: string; data: unknown; reason: string; now: Date },
) => Promise<void>;

/** Renders an edit (`messageEdit`) from the state at the moment it is sent. */
export type Renderer = (
  db: Db,
  job: { teamId: string; data: unknown },
) => Promise<RenderedEdit | RenderedCall | undefined>;

export interface OutboxDeps {
  db: Db;
  /** The outbox's own client (`createOutboxClient`): a 429 here never stalls Bolt's client. */
  client: OutboxClient;
  /** Installed by OAuth: the token of the message's workspace; unset, the client's own token. */
  tokens?: Pick<TokenCache, 'get' | 'forget'>;
  workerId: string;
  logger: Logger;
  clock: Clock;
  onSent?: Record<string, OnSentHandler>;
  onRefused?: Record<string, OnRefusedHandler>;
  renderers?: Record<string, Renderer>;
  /** Waits for pacing and Retry-After; tests move a fake clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Aborted on shutdown: messages not yet tried are handed back, none is left half-done. */
  signal?: AbortSignal;
  batchSize?: number;
  leaseMs?: number;
  /** How long one run keeps draining queues (waiting out paces and short Retry-Afters). */
  budgetMs?: number;
  /** Calls in flight at once, over all workspaces. */
  concurrency?: number;
  /**
   * Messages of one workspace claimed at once (in flight or waiting for a near slot), so a slow one
   * leaves the other lanes to the rest.
   */
  perTeamConcurrency?: number;
  /** A message whose channel pace or budget slot is at most this far off waits for it in this run. */
  holdMs?: number;
  paceMs?: number;
  /** Each workspace's budget per method, learned from Slack's 429s (`rate-gate.ts`); kept across runs. */
  gate?: RateGate;
}

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
  /** Claimed but handed back untried (shutdown, or a lease about to run out). */
  skipped: number;
}

/** At most this many confirmations in one statement. */
const MARKS_PER_STATEMENT = 200;
/** While this many calls are in flight, a claim waits for this many lanes or waits to end. */
const CLAIM_AFTER_ENDED = 32;
const DEFAULTS = {
  batchSize: 150,
  leaseMs: 5 * 60_000,
  budgetMs: 50_000,
  concurrency: 256,
  perTeamConcurrency: 4,
  holdMs: 5_000,
  idleMs: 250,
};

export function createOutboxWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Sends what is due: claims queue heads, sends each through the outbox's client, marks it, and keeps
 * going for up to `budgetMs` while more is due. Queues run side by side and a lane is claimed again as
 * soon as it is free, so a slow call holds only its own lane; a workspace has at most
 * `perTeamConcurrency` messages claimed and each claim takes the heads of every workspace in turn, so a
 * slow or rate-limited workspace never holds up another. A message waiting briefly for its channel's
 * pace or its workspace's budget waits beside the lanes, not in one; a longer wait goes back to the
 * database with its time. Within a queue, one message at a time.
 */
export async function runOutbox(deps: OutboxDeps, now: Date): Promise<OutboxRunResult> {
  const waits = new Waits(deps.signal);
  try {
    return await drain(deps, now, deps.sleep ?? ((ms: number) => waits.sleep(ms)));
  } finally {
    waits.close();
  }
}

async function drain(
  deps: OutboxDeps,
  now: Date,
  sleep: (ms: number) => Promise<void>,
): Promise<OutboxRunResult> {
  const options = { ...DEFAULTS, ...definedOnly(deps) };
  // Confirmations that arrive while earlier ones are being written go together in the next statement.
  const marks = createGroupCommit<SentMark, void>(
    async (_key, group) => {
      await markSent(deps.db, group);
      return group.map(() => undefined);
    },
    { maxGroup: MARKS_PER_STATEMENT },
  );
  const record = (mark: SentMark) => marks.submit('sent', mark);
  const paceMs = deps.paceMs ?? SEND_POLICY.channelPaceMs;
  const totals: OutboxRunResult = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const lastSent = new Map<string, number>();
  /** Calls in flight, each holding a lane. */
  const lanes = new Set<Promise<void>>();
  /**
   * Per workspace, its messages claimed and not yet done, in a lane or waiting beside them: a workspace
   * at `perTeamConcurrency` gets no more until one is done, so what is claimed goes within a slot or
   * two of its budget rather than back to the database to wait.
   */
  const teamClaims = new Map<string, number>();
  /** Claimed messages waiting out a short pace beside the lanes. */
  const waiting = new Set<Promise<void>>();
  const deadline = now.getTime() + options.budgetMs;
  let at = now;

  // Each lane or wait that ends bumps `ended` and wakes the loop. (A Promise.race over everything in
  // flight would leave one reaction on each waiting message per turn of the loop: hundreds of
  // megabytes in a Monday round.)
  let ended = 0;
  let endedAtClaim = 0;
  let wake = () => {};
  let woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const track = (set: Set<Promise<void>>, work: Promise<void>) => {
    const done = work.finally(() => {
      set.delete(done);
      ended += 1;
      const resolve = wake;
      woken = new Promise<void>((next) => {
        wake = next;
      });
      resolve();
    });
    set.add(done);
  };
  const settle = (teamId: string) => {
    const left = (teamClaims.get(teamId) ?? 1) - 1;
    if (left > 0) teamClaims.set(teamId, left);
    else teamClaims.delete(teamId);
  };
  const start = (row: ClaimedMessage, waitedOnce: boolean): void => {
    const work = (async () => {
      let settled = true;
      try {
        const outcome = await deliver(deps, row, waitedOnce ? 0 : options.holdMs, record);
        if (typeof outcome === 'number') {
          // Its slot is near: it waits beside the lanes, keeping its claim, and goes once.
          settled = false;
          hold(row, outcome - deps.clock.now().getTime(), true);
          return;
        }
        totals[outcome] += 1;
        if (outcome === 'sent') lastSent.set(row.queue, deps.clock.now().getTime());
      } finally {
        if (settled) settle(row.teamId);
      }
    })();
    track(lanes, work);
  };
  const hold = (row: ClaimedMessage, ms: number, waitedOnce: boolean) =>
    track(
      waiting,
      sleep(Math.max(0, ms)).then(() => start(row, waitedOnce)),
    );
  const schedule = (row: ClaimedMessage) => {
    teamClaims.set(row.teamId, (teamClaims.get(row.teamId) ?? 0) + 1);
    const last = lastSent.get(row.queue);
    const gap = last === undefined ? paceMs : deps.clock.now().getTime() - last;
    if (gap < paceMs) hold(row, paceMs - gap, false);
    else start(row, false);
  };

  while (!deps.signal?.aborted) {
    const endedBefore = ended;
    const free = options.concurrency - lanes.size;
    let claimed = 0;
    // A claim looks at every due head: it waits for half the lanes to be free, unless none is busy, and
    // while many calls are in flight, for a batch of lanes or waits to end rather than for each one.
    // Only calls count: they end within moments, while a message waiting seconds for its workspace's
    // slot must not hold back another workspace's post.
    const batchEnded = ended - endedAtClaim >= CLAIM_AFTER_ENDED || lanes.size < CLAIM_AFTER_ENDED;
    if (free > 0 && (free * 2 >= options.concurrency || lanes.size === 0) && batchEnded) {
      endedAtClaim = ended;
      const rows = await claim(
        deps.db,
        deps.workerId,
        at,
        Math.min(options.batchSize, free),
        options.leaseMs,
        {
          perTeam: options.perTeamConcurrency,
          outstanding: teamClaims,
        },
      );
      claimed = rows.length;
      for (const row of rows) schedule(row);
    }
    if (claimed === 0 && lanes.size === 0 && waiting.size === 0) {
      const next = await nextDueAt(deps.db);
      if (!next || next.getTime() > deadline) break;
      await sleep(Math.max(next.getTime() - at.getTime(), options.idleMs));
      at = later(at, deps.clock.now());
      if (at.getTime() > deadline) break;
      continue;
    }
    // Nothing more to claim now, or no lane free: wait until a call ends or a waiting message starts.
    const inFlight = lanes.size + waiting.size > 0;
    if (inFlight && ended === endedBefore && (claimed < free || lanes.size * 2 > options.concurrency)) {
      await woken;
    }
    at = later(at, deps.clock.now());
  }
  // Shutting down: what is in flight finishes; what waits is handed back by `deliver`.
  while (lanes.size + waiting.size > 0) await Promise.all([...lanes, ...waiting]);
  return totals;
}

/** What became of a message, or the instant its near slot comes when it may wait for it (`holdMs`). */
async function deliver(
  deps: OutboxDeps,
  row: ClaimedMessage,
  holdMs: number,
  record: (mark: SentMark) => Promise<void>,
): Promise<keyof OutboxRunResult | number> {
  const log = deps.logger.child({ outboxId: row.id, method: row.method, teamId: row.teamId });
  // Shutting down, or the lease is about to run out and another copy may take the message: not sent,
  // so it is handed back rather than risk sending it twice.
  if (deps.signal?.aborted || deps.clock.now().getTime() > row.lockedUntil.getTime() - SEND_TIMEOUT_MS) {
    await release(deps.db, row.id, deps.workerId);
    return 'skipped';
  }
  let result: SentResult;
  // What went out: the row itself, or what its renderer made of it.
  let sent = row;
  let auth: { token: string; cached: boolean } | undefined;
  try {
    const prepared = await prepare(deps, row);
    if (prepared === 'lease') {
      await release(deps.db, row.id, deps.workerId);
      return 'skipped';
    }
    if (prepared === 'nothing') {
      // The message to edit is gone or was never posted: the job is done, with nothing to send.
      await confirm(record, { id: row.id, sentAt: deps.clock.now(), result: {} }, log);
      return 'sent';
    }
    sent = prepared;
    auth = await deps.tokens?.get(row.teamId);
    result = await send(deps, prepared, auth?.token, row);
  } catch (error) {
    const now = deps.clock.now();
    if (error instanceof NotYet) {
      if (error.at - now.getTime() <= holdMs) return error.at;
      // Its workspace is over this method's budget: its own slot, no call, no attempt spent.
      await markRetry(deps.db, row.id, deps.workerId, {
        runAt: new Date(error.at),
        error: 'waiting for its workspace’s rate limit',
        countsAsAttempt: false,
      });
      return 'retried';
    }
    const failure = toFailure(error);
    if (auth?.cached && isTokenRefused(failure)) {
      // A token kept from an earlier message that Slack no longer takes (the app was reinstalled, say):
      // the message asks for its workspace's token again rather than being given up.
      await deps.tokens?.forget(row.teamId, auth.token);
      await markRetry(deps.db, row.id, deps.workerId, {
        runAt: now,
        error: `token refused (${failure.error}); asking for it again`,
        countsAsAttempt: false,
      });
      return 'retried';
    }
    if (failure.kind === 'rate_limited') {
      const method = (error as { slackMethod?: string }).slackMethod ?? row.method;
      deps.gate?.limited(row.teamId, method, Math.max(1, failure.retryAfterSeconds) * 1000, now.getTime());
    }
    const decision = decide(failure, row.attempts, now);
    if (decision.action === 'retry') {
      await markRetry(deps.db, row.id, deps.workerId, {
        runAt: decision.runAt,
        error: decision.reason,
        countsAsAttempt: decision.countsAsAttempt,
      });
      log.warn({ reason: decision.reason, attempts: row.attempts }, 'outbox message will be retried');
      return 'retried';
    }
    await markFailed(deps.db, row.id, deps.workerId, now, decision.reason);
    log.error({ reason: decision.reason, attempts: row.attempts }, 'outbox message given up');
    await afterRefusal(deps, sent, decision.reason, now, log);
    return 'failed';
  }
  const sentAt = deps.clock.now();
  await confirm(record, { id: row.id, sentAt, result, openedDm: row.openedDm }, log);
  const tag = sent.payload.onSent ?? row.payload.onSent;
  const handler = tag && deps.onSent?.[tag.handler];
  if (tag && !handler) log.error({ handler: tag.handler }, 'no handler registered for a sent message');
  if (tag && handler) {
    try {
      await handler(deps.db, { id: row.id, teamId: row.teamId, data: tag.data, result, now: sentAt });
    } catch (error) {
      // The message is out; running the send again to retry the bookkeeping would post it twice.
      log.error({ err: safeError(error), handler: tag.handler }, 'after-send handler failed');
    }
  }
  return 'sent';
}

async function afterRefusal(
  deps: OutboxDeps,
  row: ClaimedMessage,
  reason: string,
  now: Date,
  log: Logger,
): Promise<void> {
  const tag = row.payload.onRefused;
  const handler = tag && deps.onRefused?.[tag.handler];
  if (!tag || !handler) return;
  try {
    await handler(deps.db, { teamId: row.teamId, data: tag.data, reason, now });
  } catch (error) {
    log.error({ err: safeError(error), handler: tag.handler }, 'after-refusal handler failed');
  }
}

/** Slack has the message: recording that must not be lost to a passing database hiccup. */
async function confirm(
  record: (mark: SentMark) => Promise<void>,
  mark: SentMark,
  log: Logger,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await record(mark);
      return;
    } catch (error) {
      if (attempt >= 5) {
        log.error({ err: safeError(error) }, 'a sent message could not be marked sent');
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * An edit waits for its key's turn (a card is edited at most once per pace across copies) and is then
 * rendered from the state of this moment. The wait is in real time, the database's clock deciding; the
 * message keeps its lease meanwhile, so no other copy sends it.
 */
async function prepare(deps: OutboxDeps, row: ClaimedMessage): Promise<ClaimedMessage | 'lease' | 'nothing'> {
  const { render, pace } = row.payload;
  if (!render) return row;
  const renderer = deps.renderers?.[render.renderer];
  if (!renderer) throw new Error(`no renderer registered for ${render.renderer}`);
  if (pace) {
    for (;;) {
      const wait = await takeTurn(deps.db, row.teamId, pace.key, pace.ms);
      if (wait === 0) break;
      if (deps.clock.now().getTime() + wait > row.lockedUntil.getTime() - SEND_TIMEOUT_MS) return 'lease';
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  const edit = await renderer(deps.db, { teamId: row.teamId, data: render.data });
  if (!edit) return 'nothing';
  if ('method' in edit) {
    const { onSent, onRefused } = edit;
    return {
      ...row,
      payload: {
        args: edit.args,
        call: edit.method,
        ...(onSent ? { onSent } : {}),
        ...(onRefused ? { onRefused } : {}),
      },
    };
  }
  return { ...row, payload: { args: { ...edit.content, channel: edit.channel, ts: edit.ts } } };
}

/** What Slack answers for a DM channel that no longer takes the bot's messages: open it again. */
const DM_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);

/** A call held back by the rate gate until `at`. */
class NotYet extends Error {
  constructor(readonly at: number) {
    super('waiting for the workspace’s rate limit');
  }
}

/**
 * `claimed` is the row as claimed (`row` may be what its renderer made of it): a DM channel opened here is
 * noted on it, so a message held for its slot and tried again does not open the channel again.
 */
async function send(
  deps: OutboxDeps,
  row: ClaimedMessage,
  token: string | undefined,
  claimed: ClaimedMessage = row,
): Promise<SentResult> {
  const { db, client } = deps;
  const args = row.payload.args;
  const call = async (method: string, body: Record<string, unknown>) => {
    const at = deps.gate?.admit(row.teamId, method, row.id, deps.clock.now().getTime()) ?? 0;
    if (at > 0) throw new NotYet(at);
    try {
      return await client.apiCall(method, token ? { ...body, token } : body);
    } catch (error) {
      // Which method Slack limited: a DM calls two.
      if (error && typeof error === 'object') Object.assign(error, { slackMethod: method });
      throw error;
    }
  };
  if (row.method === 'dm') {
    const { user, ...content } = args;
    const userId = String(user);
    const post = async (channel: string) => {
      const posted = await call('chat.postMessage', { ...content, channel });
      return { channel: String(posted.channel ?? channel), ts: posted.ts as string };
    };
    // The channel opened last time (read with the claim), so a round of DMs does not spend
    // conversations.open's budget again.
    const known = claimed.dmChannel;
    if (known) {
      try {
        return await post(known);
      } catch (error) {
        const failure = toFailure(error);
        if (failure.kind !== 'platform' || !DM_GONE.has(failure.error)) throw error;
        await forgetDmChannel(db, row.teamId, userId);
        claimed.dmChannel = null;
      }
    }
    const opened = await call('conversations.open', { users: userId });
    const channel = (opened.channel as { id?: string } | undefined)?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    claimed.dmChannel = channel;
    try {
      const posted = await post(channel);
      // Kept with the confirmation, in the same statement.
      claimed.openedDm = { teamId: row.teamId, userId, channelId: channel };
      return posted;
    } catch (error) {
      // Not sent now: the channel is kept at once, so a later try does not open it again. Keeping it
      // is a saving only: a database hiccup here must not stand in for what Slack answered.
      await keepDmChannel(db, row.teamId, userId, channel).catch(() => undefined);
      throw error;
    }
  }
  const answer = await call(row.payload.call ?? row.method, args);
  if (row.method === 'chat.postEphemeral') return { messageTs: answer.message_ts as string };
  if (row.payload.call) return typeof answer.canvas_id === 'string' ? { canvasId: answer.canvas_id } : {};
  return { channel: answer.channel as string, ts: answer.ts as string };
}

export function toFailure(error: unknown): SendFailure {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterSeconds: Number(e.retryAfter) || 1 };
    case webApi.ErrorCode.PlatformError:
      return { kind: 'platform', error: e.data?.error ?? 'unknown_error' };
    case webApi.ErrorCode.HTTPError:
      return { kind: 'http', status: Number(e.statusCode) || 500 };
    default:
      return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Waits that end early on shutdown, so what waits for its slot is handed back at once; one listener on
 * the signal for all of them (one each would be hundreds in a Monday round).
 */
class Waits {
  private readonly pending = new Set<() => void>();
  private readonly endAll = () => {
    for (const end of [...this.pending]) end();
  };

  constructor(private readonly signal: AbortSignal | undefined) {
    signal?.addEventListener('abort', this.endAll, { once: true });
  }

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.signal?.aborted) return resolve();
      const end = () => {
        clearTimeout(timer);
        this.pending.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.pending.add(end);
    });
  }

  close(): void {
    this.signal?.removeEventListener('abort', this.endAll);
  }
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
