import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../db/database.js';

/**
 * Slack retries an event it thinks was not delivered and Bolt passes every copy on; the first
 * copy to claim its event_id in the database is processed, the others stop here.
 */
export function dedupeEvents(db: Db): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const b = body as { type?: string; event_id?: string; team_id?: string };
    if (b.type !== 'event_callback' || !b.event_id) return next();
    const claimed = await db
      .insertInto('processed_events')
      .values({ event_id: b.event_id, team_id: b.team_id ?? '' })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) > 0) await next();
  };
}
