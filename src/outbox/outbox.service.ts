import type { Clock } from '../clock.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { childLogger, type Logger, safeError } from '../logger.js';
import { enqueue, enqueueMany } from './outbox.repository.js';
import type { OutboxClient } from './outbox-client.service.js';
import type { OutboxMessage } from './outbox-message.js';
import { type MethodBudget, RateGate } from './rate-gate.js';
import { isTokenRefused } from './send-policy.js';
import {
  createOutboxWorkerId,
  type OnRefusedHandler,
  type OnSentHandler,
  type OutboxRunResult,
  type Renderer,
  runOutbox,
  toFailure,
} from './sender.service.js';
import { TokenCache } from './token-cache.js';

/**
 * The one way to send what must reach Slack. A feature queues its messages in the transaction of the
 * change that causes them, then kicks the sender once that transaction has committed; the sender also
 * looks every few seconds, for retries that came due and for rows another copy queued.
 */
export interface Outbox {
  /**
   * A Web API call that is not a message (owners' zones), on the outbox's client, so a 429 never stalls
   * interactive answers on Bolt's; with the workspace's own token when installed by OAuth. A kept token
   * Slack refuses (the app was reinstalled, say) is looked up afresh and the call made once more, as for
   * a message.
   */
  call(teamId: string, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /**
   * Queues messages in the caller's transaction (or on the database, for work that changes nothing else);
   * returns how many were queued or merged into a waiting edit (a dedupe key already taken adds nothing).
   */
  enqueue(trx: DbOrTrx, messages: OutboxMessage | readonly OutboxMessage[]): Promise<number>;
  /** Sends what is due, soon and in the background; call it after the enqueuing transaction committed. */
  kick(): void;
  /** Registers what runs after Slack confirmed a message whose payload names `name` in `onSent`. */
  onSent(name: string, handler: OnSentHandler): void;
  /** Registers what runs when Slack refuses for good a rendered call whose `onRefused` names `name`. */
  onRefused(name: string, handler: OnRefusedHandler): void;
  /** Registers how the edits naming `name` (`messageEdit`) are rendered when they are sent. */
  renderer(name: string, render: Renderer): void;
  /** Sends what is due now and resolves when done (the minutely tick and tests use it). */
  flush(): Promise<OutboxRunResult>;
  /** Starts the periodic look; `stop` ends it, handing back anything claimed but not tried. */
  start(): void;
  stop(): Promise<void>;
}

export interface OutboxOptions {
  client: OutboxClient;
  /** Installed by OAuth: each message goes out with its workspace's token (refreshed if it rotates). */
  tokenFor?: ((teamId: string) => Promise<string>) | undefined;
  /** Gap between two posts to one channel; Slack allows about one a second. */
  paceMs?: number;
  /**
   * Each method's budget within one workspace, calls per minute and burst (default: Slack's tiers,
   * `SLACK_TIER_BUDGETS` in `rate-gate.ts`); a method not named is not paced, only held after a 429.
   */
  methodBudgets?: Readonly<Record<string, MethodBudget>>;
  /** Calls in flight at once, over all workspaces (default 256: a Monday round of 500 workspaces keeps that many busy). */
  concurrency?: number;
  /** Messages of one workspace claimed at once, in flight or waiting for a near slot (default 4). */
  perTeamConcurrency?: number;
  /** How often the sender looks for due rows on its own. */
  pollMs?: number;
}

/** What the outbox needs of the app's context (the context itself names the outbox). */
interface OutboxContext {
  db: Db;
  logger: Logger;
  clock: Clock;
}

export function createOutbox(ctx: OutboxContext, options: OutboxOptions): Outbox {
  const log = childLogger(ctx.logger, 'outbox');
  const handlers: Record<string, OnSentHandler> = {};
  const refusals: Record<string, OnRefusedHandler> = {};
  const renderers: Record<string, Renderer> = {};
  const workerId = createOutboxWorkerId();
  const stopping = new AbortController();
  let running: Promise<OutboxRunResult> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  // Rate limits Slack told this copy of, per workspace and method, kept from one run to the next.
  const gate = new RateGate(options.methodBudgets);
  const tokens = options.tokenFor
    ? new TokenCache(options.tokenFor, () => ctx.clock.now().getTime())
    : undefined;
  const runOnce = () =>
    runOutbox(
      {
        db: ctx.db,
        client: options.client,
        gate,
        ...(tokens ? { tokens } : {}),
        workerId,
        logger: log,
        clock: ctx.clock,
        onSent: handlers,
        onRefused: refusals,
        renderers,
        signal: stopping.signal,
        // A kicked run sends what is due and returns; later retries are found by the next look.
        budgetMs: 0,
        ...(options.paceMs !== undefined ? { paceMs: options.paceMs } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.perTeamConcurrency !== undefined
          ? { perTeamConcurrency: options.perTeamConcurrency }
          : {}),
      },
      ctx.clock.now(),
    );

  const flush = (): Promise<OutboxRunResult> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total: OutboxRunResult = { sent: 0, retried: 0, failed: 0, skipped: 0 };
      do {
        again = false;
        const result = await runOnce();
        total = {
          sent: total.sent + result.sent,
          retried: total.retried + result.retried,
          failed: total.failed + result.failed,
          skipped: total.skipped + result.skipped,
        };
      } while (again && !stopping.signal.aborted);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    async call(teamId, method, args) {
      for (let attempt = 1; ; attempt++) {
        const auth = await tokens?.get(teamId);
        try {
          return await options.client.apiCall(method, auth ? { ...args, token: auth.token } : args);
        } catch (error) {
          if (attempt > 1 || !auth?.cached || !isTokenRefused(toFailure(error))) throw error;
          await tokens?.forget(teamId, auth.token);
        }
      }
    },
    async enqueue(trx, messages) {
      const list = Array.isArray(messages) ? messages : [messages as OutboxMessage];
      const now = ctx.clock.now();
      let added = 0;
      // Debounced rows merge into a pending one, which one multi-row insert cannot do.
      for (const message of list.filter((m) => m.keyMode === 'debounce')) {
        if (await enqueue(trx, message, now)) added += 1;
      }
      const rest = list.filter((m) => m.keyMode !== 'debounce');
      if (rest.length) added += await enqueueMany(trx, rest, now);
      return added;
    },
    kick() {
      if (stopping.signal.aborted) return;
      flush().catch((error) =>
        log.warn({ err: safeError(error) }, 'outbox run failed; the next look retries'),
      );
    },
    onSent(name, handler) {
      handlers[name] = handler;
    },
    onRefused(name, handler) {
      refusals[name] = handler;
    },
    renderer(name, render) {
      renderers[name] = render;
    },
    flush,
    start() {
      const look = () => {
        timer = setTimeout(() => {
          flush()
            .catch((error) => log.warn({ err: safeError(error) }, 'outbox run failed; the next look retries'))
            .finally(() => {
              if (!stopping.signal.aborted) look();
            });
        }, options.pollMs ?? 5_000);
        timer.unref();
      };
      look();
    },
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
