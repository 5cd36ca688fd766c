import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../db/database.js';

/**
 * Slack delivers an event again when it thinks a delivery failed, and Bolt passes every copy on.
 * An event counts as processed only once its handling succeeded, so a retry of a failed handling
 * is handled; a copy that arrives while the first is still being handled stops here.
 *
 * Why a row written on success plus an in-memory claim, rather than a claim row written up front:
 * the table has no column to tell "being handled" from "done", so a claim row would have to stay
 * for good; a failed handling could delete it, but a crash mid-handling could not, and Slack's retry
 * would be ignored again. This way nothing is recorded until the work is done: at least once, never
 * lost. The price: when several copies of Rearview share one database, two copies that receive the
 * same event at the same moment may both handle it; event listeners are therefore written to be
 * harmless when repeated (the Home tab is simply published again).
 */
export function dedupeEvents(db: Db): Middleware<AnyMiddlewareArgs> {
  const inFlight = new Set<string>();
  return async ({ body, next }) => {
    const b = body as { type?: string; event_id?: string; team_id?: string };
    if (b.type !== 'event_callback' || !b.event_id) return next();
    const eventId = b.event_id;
    if (inFlight.has(eventId)) return;
    inFlight.add(eventId);
    try {
      const done = await db
        .selectFrom('processed_events')
        .select('event_id')
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      if (done) return;
      await next();
      await db
        .insertInto('processed_events')
        .values({ event_id: eventId, team_id: b.team_id ?? '' })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
    } finally {
      inFlight.delete(eventId);
    }
  };
}
