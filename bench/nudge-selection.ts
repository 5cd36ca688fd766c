// `npm run bench:nudges`: how long selecting the week's nudges takes, and how it grows, for 10k, 50k and
// 100k open action items over 2k, 10k and 20k owners in 500 workspaces. Embedded database by default;
// PostgreSQL when TEST_DATABASE_URL is set. Every owner is due at the chosen moment (the worst case).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Config } from '../src/config.js';
import { OWNERS_PER_ROUND, queueNudges } from '../src/follow-up/follow-up.service.js';
import { listNudgeSchedules, listNudges, selectDueOwners } from '../src/follow-up/nudges.repository.js';
import { NUDGE_ITEMS_SHOWN } from '../src/follow-up/present-nudge.js';
import { dueSchedules } from '../src/follow-up/week.js';
import { createLogger } from '../src/logger.js';
import { createOutbox, createOutboxClient } from '../src/outbox/index.js';
import { createTestDatabase } from '../test/harness/test-db.js';

const WORKSPACES = 500;
const SIZES = [
  { items: 10_000, owners: 2_000 },
  { items: 50_000, owners: 10_000 },
  { items: 100_000, owners: 20_000 },
];
/** Monday 09:30 UTC: 09:30 local in every zone below, so everyone is due. */
const DUE = new Date('2026-11-30T09:30:00Z');
/** Tuesday: nothing is due, what every other minute of the week costs. */
const IDLE = new Date('2026-12-01T09:30:00Z');
const ZONES = ['UTC', 'Europe/London', 'Europe/Lisbon', 'Africa/Accra'];

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; heapMb: number; value: T }> {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  return { ms, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, value };
}

const rows: string[] = [];
let engine = '';
for (const size of SIZES) {
  // Seeding 100,000 items in one statement can outlast production's 2 s limit on a busy machine.
  const database = await createTestDatabase({ statementTimeoutMs: 60_000 });
  engine = database.engine;
  const { db } = database;
  try {
    await sql`insert into action_items
        (id, team_id, retro_id, channel_id, title, owner_id, due_date, status, source_type, created_by, snoozed_until)
      select gen_random_uuid(), 'T' || (o % ${WORKSPACES}), null, 'C' || (o % ${WORKSPACES}) || '_' || (i % 7),
        'Action item ' || i, 'U' || o, date '2026-11-01' + (i % 60), 'open', 'manual', 'UFAC',
        case when i % 10 = 0 then date '2026-12-07' end
      from generate_series(1, ${size.items}) as i, lateral (select i % ${size.owners} as o) as x`.execute(db);
    await sql`insert into user_time_zones (team_id, user_id, tz, fetched_at)
      select 'T' || (o % ${WORKSPACES}), 'U' || o, (${ZONES}::text[])[1 + o % ${ZONES.length}], now()
      from generate_series(0, ${size.owners - 1}) as o`.execute(db);
    await sql`insert into user_settings (team_id, user_id, nudges_opt_out)
      select 'T' || (o % ${WORKSPACES}), 'U' || o, true from generate_series(0, ${size.owners - 1}, 50) as o`.execute(
      db,
    );
    await sql`analyze`.execute(db);
    // A minute's selection: which schedules exist and which are due (week.ts), then the owners.
    const dueAt = async (now: Date) => dueSchedules(await listNudgeSchedules(db), now);
    const choose = async (now: Date) => selectDueOwners(db, await dueAt(now));
    const select = async (now: Date, owners: number) =>
      listNudges(db, (await choose(now)).slice(0, owners), NUDGE_ITEMS_SHOWN);
    await select(DUE, 10);
    // What the job does when the moment comes: choose every owner who is due, then list their items a round at a time.
    const chosen = await timed(() => choose(DUE));
    const rounds = await timed(async () => {
      let listed = 0;
      for (let next = 0; next < chosen.value.length; next += OWNERS_PER_ROUND) {
        const nudges = await listNudges(
          db,
          chosen.value.slice(next, next + OWNERS_PER_ROUND),
          NUDGE_ITEMS_SHOWN,
        );
        listed += nudges.reduce((n, o) => n + o.items.length, 0);
      }
      return listed;
    });
    // Every item of every owner in one listing, which the job never asks for: the earlier figure, kept to compare.
    const all = await timed(() => select(DUE, 1_000_000));
    const idle = await timed(() => select(IDLE, 500));
    const logger = createLogger({ level: 'silent' });
    const outbox = createOutbox(
      { db, logger, clock: { now: () => DUE } },
      { client: createOutboxClient({ slack: {} } as Config, logger) },
    );
    // Queued, not sent: the figure is the selection, rendering and queuing of the week's DMs.
    const job = await timed(() => queueNudges({ db, logger, outbox: { ...outbox, kick: () => {} } }, DUE));
    rows.push(
      [
        `${String(size.items).padStart(7)} items / ${String(size.owners).padStart(6)} owners`,
        `all due: ${chosen.value.length} owners chosen in ${chosen.ms.toFixed(0)} ms`,
        `their ${rounds.value} items listed ${OWNERS_PER_ROUND} owners at a time in ${rounds.ms.toFixed(0)} ms`,
        `or at once in ${all.ms.toFixed(0)} ms (heap ${all.heapMb >= 0 ? '+' : ''}${all.heapMb.toFixed(1)} MB)`,
        `idle minute: ${idle.ms.toFixed(0)} ms`,
        `whole job (select, render, queue ${job.value} DMs): ${job.ms.toFixed(0)} ms`,
        `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
      ].join('  |  '),
    );
    console.log(rows.at(-1));
  } finally {
    await database.drop();
  }
}
console.log(
  `database: ${engine}; ${WORKSPACES} workspaces; every 10th item snoozed, every 50th owner opted out`,
);
