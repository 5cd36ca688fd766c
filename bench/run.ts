// `npm run bench`: Rearview against a bare Bolt app that only acknowledges (and, for requests that store
// something, against the durable floor of durable-floor.ts), over real signed HTTP, with
// the fake Slack and a real database (embedded PGlite, or PostgreSQL when TEST_DATABASE_URL is set).
// It prints figures and never fails on them. BENCH_SCALE=0.2 runs fewer rounds for a quick look.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CARD_INTERVAL_MS } from '../src/retro/card.service.js';
import { CARD_SETTLE_MS } from '../src/retro/card-pace.service.js';
import { FakeSlack } from '../test/harness/fake-slack.js';
import { startTestApp, type TestApp } from '../test/harness/test-app.js';
import { startBareBolt } from './bare-bolt.js';
import { cardUpdatesPerBurst } from './card-updates.js';
import { startDurableFloor } from './durable-floor.js';
import { untilQuiet } from './quiet.js';
import { formatAppErrors, formatFailures, formatTable, type RowResult } from './report.js';
import { interleaved, type Plan, type Step, type Workload } from './rounds.js';
import { SenderProcess } from './sender-pool.js';
import { ensureBuilt, formatStartup, startupFigures } from './startup.js';
import { timeSummary } from './summary.js';
import { type Bench, feedbackFromCrowd, feedbackFromTeam, help, reveal, vote } from './workloads.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const rounds = (n: number) => Math.max(1, Math.round(n * scale));
/** One step at 1 sender and one at 50 in every round, so both see the same retro and the same machine. */
const oneAndFifty = (alone: number, crowd: number): Step[] => [
  { concurrency: 1, perRound: alone },
  { concurrency: 50, perRound: crowd },
];
const CROWD_ROUNDS = 12;

interface Row {
  make: (bench: Bench) => Workload | Promise<Workload>;
  plan: Plan;
  /** Rows whose requests re-render the retro card wait for that after Rearview's bursts. */
  cardRenders?: boolean;
}

/**
 * After a burst, the card is re-rendered `CARD_SETTLE_MS` after its first request and once more at
 * most `CARD_INTERVAL_MS` later. Waiting that out keeps the renders out of the next burst, which
 * may be the bare app's (both run in this process).
 */
const CARD_QUIET_MS = CARD_SETTLE_MS + CARD_INTERVAL_MS + 100;

/** Round counts sized so a whole run on PGlite takes about six minutes on two busy cores. */
const ROWS: Row[] = [
  { make: help, plan: { rounds: rounds(10), steps: oneAndFifty(20, 100) } },
  { make: feedbackFromTeam, plan: { rounds: rounds(8), steps: oneAndFifty(20, 50) }, cardRenders: true },
  // Every request is a new person: the retro grows to 1,200 contributors over the rounds.
  {
    make: (bench) => feedbackFromCrowd(bench, rounds(CROWD_ROUNDS) * 100),
    plan: { rounds: rounds(CROWD_ROUNDS), steps: oneAndFifty(50, 50) },
    cardRenders: true,
  },
  { make: vote, plan: { rounds: rounds(8), steps: oneAndFifty(20, 50) }, cardRenders: true },
  // Each reveal needs a retro of its own, seeded (unmeasured) before its burst.
  { make: reveal, plan: { rounds: 1, steps: oneAndFifty(3, 50) } },
];

const started = performance.now();
const progress = (what: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}`);

const t = await startTestApp({ logLevel: 'info', productionPool: true });
const bare = await startBareBolt(t.slack);
const durable = await startDurableFloor(t.slack, t.ctx.db);
const senders = new SenderProcess(t.slack);
const bench: Bench = { t, bare, durable, senders };
console.log(
  `Rearview bench · database: ${t.database.engine === 'postgres' ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite (embedded)'}` +
    ` · node ${process.version} · ${cpus().length} cores · ${new Date().toISOString()}`,
);
try {
  const results: RowResult[] = [];
  for (const { make, plan, cardRenders } of ROWS) {
    const workload = await make(bench);
    progress(`${workload.name} (${plan.rounds} rounds)`);
    const byConcurrency = await interleaved(workload, plan, () =>
      settle(t, cardRenders ? CARD_QUIET_MS : 100),
    );
    for (const [concurrency, samples] of byConcurrency) {
      results.push({ workload: workload.name, concurrency, samples });
    }
  }
  console.log(`\n${formatTable(results)}\n`);
  for (const line of formatFailures(results)) console.log(line);

  progress('summary composition');
  const summary = timeSummary(2_000, 20);
  console.log(
    `Summary of a 2,000-item retro (n=${summary.runs}, median): compose + Block Kit ${summary.composeAndPresent.toFixed(1)} ms, Markdown export ${summary.markdown.toFixed(1)} ms`,
  );

  progress('card updates during bursts');
  const bursts = await cardUpdatesPerBurst(t, 3, 50);
  console.log(
    `chat.update calls of the card per burst of 50 submissions (n=${bursts.updates.length} bursts): ${bursts.updates.join(', ')}` +
      `; last update showed the right count: ${bursts.lastRight.map((ok) => (ok ? 'yes' : 'NO')).join(', ')}`,
  );

  for (const line of formatAppErrors(t.logs)) console.log(line);
} finally {
  senders.close();
  await durable.close();
  await bare.close();
  await t.close();
}

// With the apps above closed: their minutely jobs (the mix rewriting the bench's big retros) would
// otherwise run beside the starts being timed.
progress('start-up');
const slack = await new FakeSlack().start();
try {
  const build = ensureBuilt();
  for (const line of formatStartup(await startupFigures(slack.apiUrl, 2), build)) console.log(line);
} finally {
  await slack.stop();
  progress('done');
}

/** Waits until the app's work after its acknowledgements (card renders, reveals) has reached Slack. */
function settle(app: TestApp, quietMs: number): Promise<unknown> {
  return untilQuiet(() => app.slack.calls.length, quietMs, 'the app to go quiet');
}
