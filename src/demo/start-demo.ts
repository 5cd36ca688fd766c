import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type RearviewApp } from '../app.js';
import type { Config } from '../config.js';
import { createDatabase } from '../db/create-db.js';
import type { Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { childLogger, type Logger, safeError } from '../logger.js';
import { explainDatabaseFailure } from '../startup.js';
import { AppLink } from './app-link.js';
import { DemoClock } from './demo-clock.js';
import { DemoDriver, type DemoResult } from './driver.js';
import { DEMO_CHANNEL } from './people.js';
import { DEMO_PATH, demoRoutes } from './routes.js';
import { startSampleRetro } from './sample.js';
import { ResponseUrls } from './slack/response-urls.js';
import { startSlackServer } from './slack/server.js';
import { Triggers } from './slack/triggers.js';
import { createWebApi } from './slack/web-api.js';
import { Workspace } from './slack/workspace.js';
import { type Jump, jumpTarget } from './time-jumps.js';

export interface DemoOptions {
  logger: Logger;
  /** A database of the caller's (tests); by default the embedded one in `<DATA_DIR>/db`. */
  db?: Db;
  /** false: no minutely cron (tests tick through the time buttons only). */
  cron?: boolean;
  /** How long a trigger id lasts (Slack: 3 s); tests on a busy machine allow more. */
  triggerTtlMs?: number;
  /** false: the simulated workspace is not kept in DATA_DIR across restarts. */
  persist?: boolean;
}

export interface DemoApp {
  port: number;
  /** `http://localhost:port/demo` */
  url: string;
  rearview: RearviewApp;
  workspace: Workspace;
  clock: DemoClock;
  stop(): Promise<void>;
}

const SAVE_DELAY_MS = 300;

/**
 * The demo composition: the simulated Slack on a loopback port, the real app pointed at it with this
 * process's made-up credentials, the demo clock as the app's clock, and the page and its API handed to
 * the app's HTTP server as extra routes (which no production start gives it).
 */
export async function startDemo(base: Config, options: DemoOptions): Promise<DemoApp> {
  const log = childLogger(options.logger, 'demo');
  const statePath = options.persist === false ? undefined : join(base.database.dataDir, 'slack.json');
  const saved = statePath ? readSaved(statePath) : undefined;
  const ws = new Workspace();
  if (saved?.slack) ws.restore(saved.slack);
  const clock = new DemoClock(Number(saved?.clockOffsetMs) || 0);
  const triggers = new Triggers(options.triggerTtlMs);
  const responses = new ResponseUrls();
  let pageBase = `http://localhost:${base.port}`;
  let appPort = base.port;
  const botToken = base.slack.botToken ?? '';
  const signingSecret = base.slack.signingSecret ?? '';
  let slackBase = '';
  const api = createWebApi({
    ws,
    triggers,
    clock,
    botToken,
    uploadBase: () => slackBase,
    pageBase: () => pageBase,
  });
  const slack = await startSlackServer({ ws, api, responses });
  slackBase = slack.baseUrl;
  const config: Config = {
    ...base,
    slack: { ...base.slack, apiUrl: `${slack.baseUrl}/api/`, appToken: undefined, oauth: undefined },
    database: { url: undefined, dataDir: join(base.database.dataDir, 'db') },
  };
  const db = options.db ?? createDatabase({ url: undefined, dataDir: config.database.dataDir });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await slack.stop();
    throw explainDatabaseFailure(error, base);
  }
  const link = new AppLink(() => `http://127.0.0.1:${appPort}/slack/events`, signingSecret);
  const driver = new DemoDriver({
    ws,
    api,
    triggers,
    responses,
    link,
    slackBase: () => slackBase,
    now: () => clock.now(),
  });
  let rearview: RearviewApp | undefined;
  let sampling = false;
  const jump = async (to: Jump, as: string): Promise<DemoResult> => {
    const zone = ws.person(as)?.tz ?? 'UTC';
    const target = await jumpTarget(to, { db, now: clock.now(), zone });
    if ('error' in target) return { ok: false, error: target.error };
    clock.moveTo(target.at);
    await rearview?.scheduler?.tick(clock.now());
    await rearview?.features.outbox.flush();
    ws.changed();
    return { ok: true };
  };
  const routes = demoRoutes({
    ws,
    driver,
    now: () => clock.now(),
    jump,
    sample: async () => {
      if (sampling) return { ok: false, error: 'The sample retro is being started already.' };
      const open = await db
        .selectFrom('retros')
        .select('id')
        .where('channel_id', '=', DEMO_CHANNEL.id)
        .where('phase', 'in', ['collecting', 'voting', 'discussing'])
        .executeTakeFirst();
      if (open) return { ok: false, error: `A retro is already open in #${DEMO_CHANNEL.name}.` };
      sampling = true;
      try {
        return await startSampleRetro(ws, driver);
      } finally {
        sampling = false;
      }
    },
    logger: log,
  });
  rearview = buildApp(
    { config, db, logger: options.logger, clock },
    { routes: [routes], ...(options.cron === false ? { cron: false } : {}), closeDatabase: !options.db },
  );
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    if (!statePath) return;
    saveTimer = undefined;
    try {
      mkdirSync(base.database.dataDir, { recursive: true });
      const tmp = `${statePath}.tmp`;
      writeFileSync(tmp, JSON.stringify({ clockOffsetMs: clock.offset, slack: ws.snapshot() }));
      renameSync(tmp, statePath);
    } catch (error) {
      log.warn({ err: safeError(error) }, 'could not save the demo workspace');
    }
  };
  ws.onChange(() => {
    if (statePath && !saveTimer) saveTimer = setTimeout(save, SAVE_DELAY_MS);
  });
  try {
    appPort = await rearview.start(base.port);
  } catch (error) {
    await slack.stop();
    throw error;
  }
  pageBase = `http://localhost:${appPort}`;
  return {
    port: appPort,
    url: `${pageBase}${DEMO_PATH}`,
    rearview,
    workspace: ws,
    clock,
    async stop() {
      await rearview?.stop();
      await slack.stop();
      if (saveTimer) clearTimeout(saveTimer);
      save();
    },
  };
}

function readSaved(path: string): { clockOffsetMs?: unknown; slack?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
