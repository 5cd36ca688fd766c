import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { type BuildOptions, buildApp, type RearviewApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { Config, LogLevel } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { createDatabase } from '../../src/db/create-db.js';
import { parseKeyring, type TokenKeyring } from '../../src/installations/token-cipher.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from './fake-slack.js';
import { SignedSender } from './signed-sender.js';
import { SlackUser } from './slack-user.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token-do-not-log';
/** Installation by OAuth in tests: the app's credentials and the key that seals tokens at rest. */
export const OAUTH = {
  clientId: '1111.2222',
  clientSecret: 'test-client-secret',
  stateSecret: 'test-state-secret-0123456789-abcdef',
} as const;
export const TOKEN_KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

/**
 * Where every test app's clock starts: a fixed instant, never today, so a date a test types (a due date, a
 * deadline) means the same thing on any day the suite runs. A Tuesday afternoon in UTC.
 */
export const TEST_START = new Date('2026-11-24T15:00:00.000Z');

/** A clock tests set and move; the app reads it for every date it shows or stores. */
export class TestClock implements Clock {
  private current = new Date(TEST_START);
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  slack: FakeSlack;
  sender: SignedSender;
  database: TestDatabase;
  ctx: AppContext;
  rearview: RearviewApp;
  clock: TestClock;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  port: number;
  baseUrl: string;
  user(userId: string, channelId?: string): SlackUser;
  close(): Promise<void>;
}

/** The real app, built by the same factory as production, on a free port with a fresh database. */
export async function startTestApp(
  options: {
    retryConfig?: BuildOptions['retryConfig'];
    /** 'trace' by default, so tests can read every line; a benchmark logs as production does. */
    logLevel?: LogLevel;
    productionPool?: boolean;
    /**
     * Another copy of the bot beside `copyOf`: its own HTTP server, outbox and pacer, on the same database
     * (a pool of its own on PostgreSQL; the one embedded database on PGlite) and the same fake Slack.
     */
    copyOf?: TestApp;
    /** Workspaces install by OAuth (no SLACK_BOT_TOKEN); the keyring defaults to TOKEN_KEY. */
    oauth?: { tokenKeys?: string };
  } = {},
): Promise<TestApp> {
  const primary = options.copyOf;
  const slack = primary ? primary.slack : await new FakeSlack().start();
  const database = primary
    ? await copyDatabase(primary.database)
    : await createTestDatabase({ productionPool: options.productionPool === true });
  const logLevel = options.logLevel ?? 'trace';
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(line);
      done();
    },
  });
  const config: Config = {
    slack: {
      botToken: options.oauth ? undefined : BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      appToken: undefined,
      apiUrl: slack.apiUrl,
      ...(options.oauth ? { oauth: { ...OAUTH } } : {}),
    },
    database: { url: undefined, dataDir: '' },
    port: 0,
    logLevel,
    scheduler: 'on',
    ...(options.oauth
      ? { tokenKeys: parseKeyring(options.oauth.tokenKeys ?? TOKEN_KEY) as TokenKeyring }
      : {}),
  };
  const clock = new TestClock();
  const ctx: AppContext = {
    config,
    db: database.db,
    logger: createLogger({ level: logLevel, destination }),
    clock,
  };
  const rearview = buildApp(ctx, {
    retryConfig: options.retryConfig ?? { retries: 0 },
    cron: false,
    outboxPaceMs: 0,
    // The test clock stands still unless a test moves it: calls are not paced, 429s still are waited out.
    outboxMethodBudgets: {},
    closeDatabase: !(primary && database.engine === 'pglite'),
  });
  const port = await rearview.start(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const sender = new SignedSender(`${baseUrl}/slack/events`, SIGNING_SECRET, slack);
  let closed = false;
  const harness: TestApp = {
    slack,
    sender,
    database,
    ctx,
    rearview,
    clock,
    logs,
    port,
    baseUrl,
    user: (userId, channelId = 'C0RETRO') => new SlackUser(harness, userId, channelId),
    close: async () => {
      if (closed) return;
      closed = true;
      await rearview.stop().catch(() => {});
      if (primary) return;
      await database.drop();
      await slack.stop();
    },
  };
  return harness;
}

/** The database of a copy: closing it leaves the primary's data (and, on PGlite, its session) alone. */
async function copyDatabase(of: TestDatabase): Promise<TestDatabase> {
  if (of.engine === 'pglite') return { ...of, drop: async () => {} };
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(of.db)).rows[0]?.s;
  const db = createDatabase({
    url: process.env.TEST_DATABASE_URL,
    dataDir: undefined,
    schema,
    maxConnections: 5,
  });
  return { db, engine: 'postgres', drop: () => db.destroy().catch(() => {}) };
}
