import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { sql } from 'kysely';
import type { Db } from './db/database.js';

function reply(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** `/healthz`: the process answers. `/readyz`: the database answers and we are not shutting down. */
export function healthRoutes(db: Db, isStopping: () => boolean): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => reply(res, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: async (_req: IncomingMessage, res: ServerResponse) => {
        if (isStopping()) return reply(res, 503, { status: 'stopping' });
        try {
          await sql`select 1`.execute(db);
          reply(res, 200, { status: 'ready' });
        } catch {
          reply(res, 503, { status: 'database unavailable' });
        }
      },
    },
  ];
}
