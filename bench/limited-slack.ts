import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * A Slack that keeps Slack's rate limits, for the Monday-round benchmark: per workspace (by token) and
 * method a token bucket (`perMinute`, with a `burst`), and for chat.postMessage one message a second per
 * channel with a short burst; beyond them it answers 429 with Retry-After. It counts every nudge
 * delivered, per workspace and person, to check each arrives exactly once. It runs in a thread of its own
 * (`startLimitedSlack`), as Slack runs elsewhere: its work neither stalls the app's event loop nor counts
 * in the app's CPU.
 */

export interface Budget {
  perMinute: number;
  burst: number;
}

/** Slack's published tiers; chat.postMessage has its own limit, about one a second per channel. */
export const SLACK_BUDGETS: Record<string, Budget> = {
  'chat.postMessage': { perMinute: 300, burst: 20 },
  'conversations.open': { perMinute: 50, burst: 10 },
  'users.info': { perMinute: 100, burst: 20 },
};
const CHANNEL_BUDGET: Budget = { perMinute: 60, burst: 3 };

class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly perMs: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }
  /** 0 when a call may go now (and takes its token); otherwise ms until one may. */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }
}

export class LimitedSlack {
  readonly calls = new Map<string, number>();
  rateLimited = 0;
  /** `team user` → DMs delivered. */
  readonly delivered = new Map<string, number>();
  /** Team → when its last DM was delivered (ms since start). */
  readonly lastDelivery = new Map<string, number>();
  /** Team → when it made its first call (ms since start). */
  readonly firstCall = new Map<string, number>();
  private readonly buckets = new Map<string, Bucket>();
  private server: Server | undefined;
  baseUrl = '';
  readonly started = Date.now();

  /** `scale` < 1 slows every budget down (a shorter run's bound is then the same shape, longer). */
  constructor(
    private readonly teams: Map<string, string>,
    private readonly scale = 1,
  ) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '');
        const raw = Buffer.concat(chunks).toString('utf8');
        // Slack takes a form, or JSON for its chat methods.
        const body: Record<string, string> = req.headers['content-type']?.startsWith('application/json')
          ? JSON.parse(raw)
          : Object.fromEntries(new URLSearchParams(raw));
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? body.token ?? '';
        const { status, headers, json } = this.answer(method, body, token);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }

  get totalCalls(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  private wait(key: string, budget: Budget, now: number): number {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket((budget.perMinute * this.scale) / 60_000, budget.burst, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  private answer(
    method: string,
    body: Record<string, string>,
    token: string,
  ): { status: number; headers?: Record<string, string>; json: unknown } {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    const team = this.teams.get(token);
    if (!team) return { status: 200, json: { ok: false, error: 'invalid_auth' } };
    const now = Date.now();
    if (!this.firstCall.has(team)) this.firstCall.set(team, now - this.started);
    const budget = SLACK_BUDGETS[method];
    let wait = budget ? this.wait(`${team} ${method}`, budget, now) : 0;
    if (wait === 0 && method === 'chat.postMessage')
      wait = this.wait(`${team} #${body.channel}`, CHANNEL_BUDGET, now);
    if (wait > 0) {
      this.rateLimited += 1;
      return {
        status: 429,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
        json: { ok: false, error: 'ratelimited' },
      };
    }
    switch (method) {
      case 'auth.test':
        return { status: 200, json: { ok: true, team_id: team, user_id: `UBOT${team}`, bot_id: 'BBOT' } };
      case 'conversations.open':
        return { status: 200, json: { ok: true, channel: { id: `D${body.users}` } } };
      case 'chat.postMessage': {
        const key = `${team} ${String(body.channel).slice(1)}`;
        this.delivered.set(key, (this.delivered.get(key) ?? 0) + 1);
        this.lastDelivery.set(team, now - this.started);
        return { status: 200, json: { ok: true, channel: body.channel, ts: `${now / 1000}` } };
      }
      case 'users.info':
        return { status: 200, json: { ok: true, user: { id: body.user, tz: 'UTC', is_bot: false } } };
      default:
        return { status: 200, json: { ok: true } };
    }
  }
}

/** What the bench reads of the limited Slack while and after the round runs. */
export interface SlackReport {
  calls: [string, number][];
  totalCalls: number;
  rateLimited: number;
  /** DMs delivered, and to how many distinct people; how many people got more than one. */
  delivered: number;
  people: number;
  duplicates: number;
  /** Per workspace, when its last DM was delivered (ms since the Slack started). */
  lastDelivery: number[];
  /** Per workspace, its first call and its last DM (ms since the Slack started). */
  spans: [number, number][];
}

interface Request {
  id: number;
  kind: 'report' | 'stop';
}

/** Starts the limited Slack in a worker thread; `report` asks it for its counts. */
export async function startLimitedSlack(teams: Map<string, string>, scale = 1) {
  const worker = new Worker(new URL('./limited-slack-thread.mjs', import.meta.url), {
    workerData: { teams: [...teams], scale },
  });
  const ready = await new Promise<{ baseUrl: string; started: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  let next = 0;
  const ask = <T>(kind: Request['kind']) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      const onMessage = (m: { id: number; value: T }) => {
        if (m.id !== id) return;
        worker.off('message', onMessage);
        resolve(m.value);
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, kind } satisfies Request);
    });
  return {
    ...ready,
    report: () => ask<SlackReport>('report'),
    stop: async () => {
      await ask<null>('stop');
      await worker.terminate();
    },
  };
}

function reportOf(slack: LimitedSlack): SlackReport {
  const counts = [...slack.delivered.values()];
  return {
    calls: [...slack.calls],
    totalCalls: slack.totalCalls,
    rateLimited: slack.rateLimited,
    delivered: counts.reduce((a, b) => a + b, 0),
    people: counts.length,
    duplicates: counts.filter((n) => n > 1).length,
    lastDelivery: [...slack.lastDelivery.values()],
    spans: [...slack.lastDelivery].map(([t, last]) => [slack.firstCall.get(t) ?? 0, last]),
  };
}

if (!isMainThread && parentPort && workerData?.teams) {
  const port = parentPort;
  const data = workerData as { teams: [string, string][]; scale: number };
  const slack = await new LimitedSlack(new Map(data.teams), data.scale).start();
  port.on('message', async (m: Request) => {
    if (m.kind === 'report') port.postMessage({ id: m.id, value: reportOf(slack) });
    else {
      await slack.stop();
      port.postMessage({ id: m.id, value: null });
    }
  });
  port.postMessage({ baseUrl: slack.baseUrl, started: slack.started });
}
