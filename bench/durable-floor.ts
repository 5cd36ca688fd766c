import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { closeServer, createHttpServer, listen } from '../src/server/http-server.js';
import { WorkTracker } from '../src/server/work-tracker.js';
import { createGroupCommit } from '../src/shared/group-commit.js';
import type { FakeSlack } from '../test/harness/fake-slack.js';
import { ackingApp, type BareBolt } from './bare-bolt.js';

/**
 * The floor of a durable acknowledgement: the bare Bolt app, except that a modal submission is
 * acknowledged only once a row holding its view id has been committed. Submissions that arrive
 * together are grouped the way Rearview groups them (src/shared/group-commit.ts), one INSERT per
 * group on Rearview's own database connections, and requests are taken by Rearview's own HTTP
 * server, which hands them to Bolt one per turn of the event loop so commits are answered in
 * between (src/server/http-server.ts; behind Bolt's own server, a burst's acknowledgements would
 * all wait for the whole burst to be read). It is the least an app can do that says "stored" in its
 * acknowledgement: the gap between it and the bare app is what that promise costs on this machine,
 * and the gap between Rearview and it is what Rearview does beyond it.
 */
export async function startDurableFloor(slack: FakeSlack, db: Db): Promise<BareBolt> {
  await sql`create table if not exists bench_durable_floor (id bigserial primary key, view_id text not null)`.execute(
    db,
  );
  const stored = createGroupCommit<string, true>(
    async (_key, viewIds) => {
      await sql`insert into bench_durable_floor (view_id) select unnest(${viewIds}::text[])`.execute(db);
      return viewIds.map(() => true as const);
    },
    { maxGroup: 200 },
  );
  const { receiver } = await ackingApp(slack, (viewId) => stored.submit('floor', viewId));
  const server = createHttpServer({
    health: {},
    slack: { path: '/slack/events', listener: receiver.requestListener },
    work: new WorkTracker(),
    notTakingRequests: () => undefined,
    logger: createLogger({ level: 'error' }),
  });
  const port = await listen(server, 0);
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    close: () => closeServer(server, Date.now() + 1_000),
  };
}
