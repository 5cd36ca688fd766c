// `npm run bench:follow-up`: the Monday round at Slack's limits. 500 workspaces installed by OAuth, 40 owners
// each (20,000 owners, 100,000 open items), every nudge due at once; the app's own follow-up job queues them
// and its outbox delivers them to a Slack that enforces per-workspace, per-method and per-channel limits
// with 429 + Retry-After. Prints the time to the last delivery against the bound the limits impose, the
// share of calls answered 429, the spread between workspaces, and the process's CPU and memory.
// BENCH_SCALE=0.1 → 50 workspaces; BENCH_TIME_SCALE=0.5 → every budget at half Slack's rate.
import { performance } from 'node:perf_hooks';
import type { Installation } from '@slack/bolt';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { queueNudges } from '../src/follow-up/follow-up.service.js';
import { parseKeyring, type TokenKeyring } from '../src/installations/token-cipher.js';
import { createLogger } from '../src/logger.js';
import { OAUTH, SIGNING_SECRET, TOKEN_KEY } from '../test/harness/test-app.js';
import { createTestDatabase } from '../test/harness/test-db.js';
import { SLACK_BUDGETS, startLimitedSlack } from './limited-slack.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const timeScale = Number(process.env.BENCH_TIME_SCALE ?? 1);
const WORKSPACES = Math.max(1, Math.round(500 * scale));
const OWNERS = 40;
const ITEMS = 5;
const TIMEOUT_MS = 20 * 60_000;
/** Monday 09:00:30 UTC, everyone's zone UTC: the whole round is due at once. */
const MONDAY = new Date('2026-11-30T09:00:30Z');

const teams = new Map<string, string>();
for (let w = 0; w < WORKSPACES; w++) teams.set(`xoxb-bench-${w}`, `T${w}`);
const slack = await startLimitedSlack(teams, timeScale);
// The pool production opens (ten connections), not the tests’ smaller one.
const database = await createTestDatabase({ productionPool: true });
const started = Date.now();
const clock = { now: () => new Date(MONDAY.getTime() + (Date.now() - started)) };
const config: Config = {
  slack: {
    botToken: undefined,
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    apiUrl: `${slack.baseUrl}/api/`,
    oauth: { ...OAUTH },
  },
  database: { url: undefined, dataDir: '' },
  port: 0,
  logLevel: 'error',
  scheduler: 'on',
  tokenKeys: parseKeyring(TOKEN_KEY) as TokenKeyring,
};
const rearview = buildApp(
  { config, db: database.db, logger: createLogger({ level: 'error' }), clock },
  { cron: false, retryConfig: { retries: 0 } },
);
await rearview.start(0);
const { db } = database;

for (const [token, team] of teams) {
  await rearview.installations?.storeInstallation({
    team: { id: team, name: `Workspace ${team}` },
    enterprise: undefined,
    isEnterpriseInstall: false,
    appId: 'AREARVIEW',
    tokenType: 'bot',
    bot: { token, userId: `UBOT${team}`, id: `B${team}`, scopes: ['chat:write', 'im:write', 'users:read'] },
    user: { id: 'UADMIN', token: undefined, scopes: undefined },
  } as Installation);
}
await sql`insert into action_items
    (id, team_id, retro_id, channel_id, title, owner_id, due_date, status, source_type, created_by)
  select gen_random_uuid(), 'T' || w, null, 'C' || w, 'Action item ' || i, 'U' || w || '_' || o,
    date '2026-11-20' + i * 7, 'open', 'manual', 'UFAC'
  from generate_series(0, ${WORKSPACES - 1}) as w, generate_series(0, ${OWNERS - 1}) as o,
    generate_series(0, ${ITEMS - 1}) as i`.execute(db);
await sql`insert into user_time_zones (team_id, user_id, tz, fetched_at)
  select 'T' || w, 'U' || w || '_' || o, 'UTC', ${MONDAY}
  from generate_series(0, ${WORKSPACES - 1}) as w, generate_series(0, ${OWNERS - 1}) as o`.execute(db);
await sql`analyze`.execute(db);

const expected = WORKSPACES * OWNERS;
let rssPeak = 0;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 100);
const cpuBefore = process.cpuUsage();
const loopBefore = performance.eventLoopUtilization();
const roundStart = Date.now() - slack.started;
let queued = 0;
for (let pass = 0; pass < 20; pass++) {
  const added = await queueNudges(rearview.features, clock.now());
  queued += added;
  if (added === 0) break;
}
const queuedMs = Date.now() - slack.started - roundStart;
while ((await slack.report()).delivered < expected && Date.now() - started < TIMEOUT_MS) {
  await rearview.features.outbox.flush();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const report = await slack.report();
const roundMs = Math.max(...report.lastDelivery) - roundStart;
const cpu = process.cpuUsage(cpuBefore);
const loop = performance.eventLoopUtilization(loopBefore);
clearInterval(sampler);

/** The limits' lower bound for one workspace: each method's calls beyond its burst, at its rate. */
function boundMs(calls: Record<string, number>): number {
  return Math.max(
    ...Object.entries(calls).map(([method, n]) => {
      const budget = SLACK_BUDGETS[method];
      if (!budget) return 0;
      return (Math.max(0, n - budget.burst) / ((budget.perMinute * timeScale) / 60_000)) | 0;
    }),
  );
}
const bound = boundMs({ 'conversations.open': OWNERS, 'chat.postMessage': OWNERS });
const finishes = report.lastDelivery.map((at) => at - roundStart).sort((a, b) => a - b);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const firstCalls = report.spans.map(([first]) => first - roundStart).sort((a, b) => a - b);
const spans = report.spans.map(([first, last]) => last - first).sort((a, b) => a - b);
/** Median, 90th percentile and slowest of a sorted list of times. */
const spread = (sorted: number[]) =>
  `${s(sorted[Math.floor(sorted.length / 2)] ?? 0)} (median), ${s(sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0)} (90%), ${s(sorted.at(-1) ?? 0)} (slowest)`;
console.log(
  [
    `Monday round: ${WORKSPACES} workspaces × ${OWNERS} owners (${expected} nudges, ${expected * ITEMS} open items) on ${database.engine}; Slack's budgets × ${timeScale}`,
    `  queued ${queued} in ${s(queuedMs)}; delivered ${report.delivered} to ${report.people} people, ${report.duplicates} more than once, ${expected - report.people} missing`,
    `  last nudge delivered after ${s(roundMs)}; the limits' bound ${s(bound)} (the slowest workspace: ${OWNERS} conversations.open and ${OWNERS} chat.postMessage); ${(roundMs / Math.max(bound, 1)).toFixed(2)}× the bound`,
    `  workspaces finished between ${s(finishes[0] ?? 0)} and ${s(finishes.at(-1) ?? 0)} (${((finishes.at(-1) ?? 0) / Math.max(bound, 1)).toFixed(2)}× the bound for the last)`,
    `  a workspace's first call after ${spread(firstCalls)}; from its first call to its last nudge ${spread(spans)}`,
    `  calls ${report.totalCalls} (${report.calls.map(([m, n]) => `${m} ${n}`).join(', ')}); answered 429: ${report.rateLimited} (${((100 * report.rateLimited) / Math.max(1, report.totalCalls)).toFixed(2)}%)`,
    `  process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s over ${s(roundMs)} (the limited Slack's thread included); the app's event loop busy ${s(loop.active)} (${(100 * loop.utilization).toFixed(0)}%); peak RSS ${(rssPeak / 2 ** 20).toFixed(0)} MB`,
  ].join('\n'),
);
await rearview.stop();
await database.drop();
await slack.stop();
process.exit(0);
