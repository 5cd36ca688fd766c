import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { Db } from './db/database.js';

/** Well inside a second: a load balancer must see an unanswering database as "not ready" quickly. */
export const READINESS_DB_TIMEOUT_MS = 800;

export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

function reply(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * `/healthz`: the process answers. `/readyz`: nothing says we are not ready (shutting down, the
 * Socket Mode connection down) and the database answers within READINESS_DB_TIMEOUT_MS.
 */
export function healthRoutes(
  db: Db,
  notReadyBecause: () => string | undefined,
): Record<string, HealthHandler> {
  return {
    '/healthz': (_req, res) => reply(res, 200, { status: 'ok' }),
    '/readyz': async (_req, res) => {
      const reason = notReadyBecause();
      if (reason) return reply(res, 503, { status: reason });
      const answered = await databaseAnswers(db);
      reply(res, answered ? 200 : 503, { status: answered ? 'ready' : 'database unavailable' });
    },
  };
}

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READINESS_DB_TIMEOUT_MS);
  });
  const check = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
