import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HealthHandler } from '../health.js';
import type { Logger } from '../logger.js';
import { safeError } from '../logger.js';
import type { WorkTracker } from './work-tracker.js';

/** Slack's own limit for replays; Bolt refuses older requests, we refuse newer ones too. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface HttpServerOptions {
  health: Record<string, HealthHandler>;
  /** HTTP mode: Bolt's request listener for Slack's requests. Socket Mode serves health checks only. */
  slack?: {
    path: string;
    listener: (req: IncomingMessage, res: ServerResponse) => void;
    /** Pages Bolt serves itself on GET (installation by OAuth: the install page and the redirect). */
    pages?: readonly string[];
  };
  /** Routes served beside Slack's under a path prefix (the local demo's; production gives none). */
  routes?: readonly ExtraRoute[];
  work: WorkTracker;
  /** Why Slack's requests are turned away for now (starting, stopping), or undefined. */
  notTakingRequests: () => string | undefined;
  logger: Logger;
}

export interface ExtraRoute {
  /** Serves this path and everything under it (`/demo`: `/demo`, `/demo/api/state`). */
  prefix: string;
  listener: (req: IncomingMessage, res: ServerResponse) => void;
}

function answer(res: ServerResponse, status: number, body?: Record<string, string>): void {
  if (res.headersSent) return;
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body ? JSON.stringify(body) : undefined);
}

/**
 * Our own server in front of Bolt's receiver, so that we decide what a request meets before Bolt
 * sees it: health checks, a 503 while starting or draining (Slack retries it elsewhere or later), a
 * signature timestamp from the future, which Bolt's replay check lets through, and the order in
 * which requests that arrive together are handled (oneAtATurn).
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { health, slack, work, notTakingRequests, logger, routes = [] } = options;
  const turns = oneAtATurn();
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const healthHandler = req.method === 'GET' ? health[path] : undefined;
    if (healthHandler) {
      void Promise.resolve(healthHandler(req, res)).catch(() => answer(res, 500));
      return;
    }
    const away = notTakingRequests();
    if (away) {
      res.setHeader('connection', 'close');
      return answer(res, 503, { status: away });
    }
    if (slack?.pages?.includes(path) && req.method === 'GET') return slack.listener(req, res);
    const route = routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (route) return route.listener(req, res);
    if (!slack || path !== slack.path || req.method !== 'POST') return answer(res, 404);
    if (fromTheFuture(req.headers['x-slack-request-timestamp'])) {
      logger.warn('refused a Slack request signed with a timestamp from the future');
      return answer(res, 401);
    }
    work.track(new Promise<void>((resolve) => res.once('close', resolve)));
    const arrivedAt = Date.now();
    readBody(req).then(
      (body) => {
        // Bolt takes a body read already (Cloud Functions hand it over that way) as it is.
        Object.assign(req, { rawBody: body, arrivedAt });
        turns.take(() => {
          try {
            slack.listener(req, res);
          } catch (error) {
            logger.error({ err: safeError(error) }, 'could not take a Slack request');
            answer(res, 500);
          }
        });
      },
      (error: unknown) => answer(res, error instanceof BodyTooLarge ? 413 : 400),
    );
  });
}

/**
 * Runs queued work one piece per turn of the event loop. Requests that arrive together are all
 * read at once, and Node would handle every one of them before it reads anything else, such as the
 * database answering the first of them: under a burst, every acknowledgement that waits for a
 * commit would wait for the whole burst. One request per turn lets the database's answers, and so
 * the acknowledgements, in between.
 */
function oneAtATurn(): { take(work: () => void): void } {
  const queue: (() => void)[] = [];
  const next = () => {
    queue.shift()?.();
    if (queue.length > 0) setImmediate(next);
  };
  return {
    take(work) {
      queue.push(work);
      if (queue.length === 1) setImmediate(next);
    },
  };
}

/** Bolt's own limit for a request body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

class BodyTooLarge extends Error {}

/** The whole body, read as it arrives (the queue above takes only complete requests). */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // The rest is read and dropped, so the sender gets the answer rather than a reset connection.
      req.off('data', onData);
      req.resume();
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** When a Slack request reached this server (epoch ms), before it waited for its turn. */
export function arrivalOf(req: IncomingMessage): number | undefined {
  const arrivedAt = (req as IncomingMessage & { arrivedAt?: unknown }).arrivedAt;
  return typeof arrivedAt === 'number' ? arrivedAt : undefined;
}

function fromTheFuture(header: string | string[] | undefined): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS;
}

/** Resolves with the port in use; rejects with the listen error (EADDRINUSE, EACCES) as is. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Stops accepting connections; idle keep-alive ones go now, busy ones when `deadline` passes. */
export async function closeServer(server: Server, deadline: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()));
  await closed;
  clearTimeout(timer);
}
