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
  slack?: { path: string; listener: (req: IncomingMessage, res: ServerResponse) => void };
  work: WorkTracker;
  /** Why Slack's requests are turned away for now (starting, stopping), or undefined. */
  notTakingRequests: () => string | undefined;
  logger: Logger;
}

function answer(res: ServerResponse, status: number, body?: Record<string, string>): void {
  if (res.headersSent) return;
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body ? JSON.stringify(body) : undefined);
}

/**
 * Our own server in front of Bolt's receiver, so that we decide what a request meets before Bolt
 * sees it: health checks, a 503 while starting or draining (Slack retries it elsewhere or later), and a
 * signature timestamp from the future, which Bolt's replay check lets through.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { health, slack, work, notTakingRequests, logger } = options;
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
    if (!slack || path !== slack.path || req.method !== 'POST') return answer(res, 404);
    if (fromTheFuture(req.headers['x-slack-request-timestamp'])) {
      logger.warn('refused a Slack request signed with a timestamp from the future');
      return answer(res, 401);
    }
    work.track(new Promise<void>((resolve) => res.once('close', resolve)));
    try {
      slack.listener(req, res);
    } catch (error) {
      logger.error({ err: safeError(error) }, 'could not take a Slack request');
      answer(res, 500);
    }
  });
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
