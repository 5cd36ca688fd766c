import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import { actionItemsModule } from './action-items/index.js';
import { registerRetroCommand } from './commands/register.js';
import type { AppContext, FeatureContext } from './context.js';
import type { FeatureModule } from './feature.js';
import { feedbackModule } from './feedback/index.js';
import { followUpModule } from './follow-up/index.js';
import { healthRoutes } from './health.js';
import { homeModule } from './home/index.js';
import { kpiModule } from './kpi/index.js';
import { childLogger } from './logger.js';
import { createOutbox, createOutboxClient, type Outbox } from './outbox/index.js';
import { phaseChangeModule } from './phase-change/index.js';
import { retroModule } from './retro/index.js';
import { type Cron, startCron } from './scheduler/cron.js';
import { settingsModule } from './settings/index.js';
import { setupModule } from './setup/index.js';
import { boltLogger } from './slack/bolt-logger.js';
import { dedupeEvents } from './slack/dedupe-events.js';
import { registerErrorHandler } from './slack/error-handler.js';
import { summaryModule } from './summary/index.js';
import { votingModule } from './voting/index.js';

/** Every feature of the app; each registers its own listeners, subcommands and jobs. */
const FEATURES: readonly FeatureModule[] = [
  retroModule,
  setupModule,
  feedbackModule,
  votingModule,
  phaseChangeModule,
  kpiModule,
  summaryModule,
  actionItemsModule,
  homeModule,
  settingsModule,
  // Last: its outbox job sends what the jobs before it queued in the same tick.
  followUpModule,
];

export interface BuildOptions {
  /** Web API retry policy; tests use fewer retries so a failing fake answers quickly. */
  retryConfig?: webApi.WebClientOptions['retryConfig'];
  /** false: no minutely cron (tests drive `scheduler.tick()` themselves). */
  cron?: boolean;
  /** Gap between two outbox posts to one channel (default about a second, as Slack asks). */
  outboxPaceMs?: number;
}

export interface RearviewApp {
  app: App;
  /** Listens on `port` (0 = any free port) and resolves with the port in use. */
  start(port?: number): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  stop(): Promise<void>;
  /** What every feature is given (tests run jobs with it and a fake clock). */
  features: FeatureContext;
  /** Set once started; `SCHEDULER=off` gives one whose tick does nothing. */
  scheduler: Cron | undefined;
}

export function buildApp(ctx: AppContext, options: BuildOptions = {}): RearviewApp {
  const { config } = ctx;
  const log = childLogger(ctx.logger, 'app');
  let stopping = false;
  const customRoutes = healthRoutes(ctx.db, () => stopping);
  const logger = boltLogger(childLogger(ctx.logger, 'bolt'));
  const clientOptions: webApi.WebClientOptions = {
    // The Web API client has no timeout of its own; a hung call would hold a listener forever.
    timeout: 10_000,
    retryConfig: options.retryConfig ?? { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  };
  const common = {
    token: config.slack.botToken,
    logger,
    clientOptions,
    deferInitialization: true,
    extendedErrorHandler: true,
  } as const;

  const socketMode = config.slack.appToken !== undefined;
  const app = socketMode
    ? new App({
        ...common,
        socketMode: true,
        appToken: config.slack.appToken,
        customRoutes,
        installerOptions: { port: config.port },
      })
    : new App({
        ...common,
        receiver: new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          endpoints: '/slack/events',
          customRoutes,
          logger,
        }),
      });

  const outbox = createOutbox(ctx, {
    client: createOutboxClient(config, childLogger(ctx.logger, 'outbox')),
    ...(options.outboxPaceMs !== undefined ? { paceMs: options.outboxPaceMs } : {}),
  });
  const features = featureContext(ctx, app, outbox);
  app.use(dedupeEvents(ctx.db));
  registerErrorHandler(app, childLogger(ctx.logger, 'slack'));
  registerRetroCommand(app, Object.assign({}, ...FEATURES.map((f) => f.subcommands?.(features) ?? {})));
  for (const feature of FEATURES) feature.register?.(app, features);

  const rearview: RearviewApp = {
    app,
    features,
    scheduler: undefined,
    async start(port = config.port) {
      // Checks the bot token with auth.test before taking requests.
      await app.init();
      const server = await app.start(port);
      const actual = socketMode ? port : ((server as { address(): AddressInfo }).address().port ?? port);
      const jobs = FEATURES.flatMap((f) => f.jobs?.(features) ?? []);
      rearview.scheduler = startCron(features, jobs, { schedule: options.cron !== false });
      outbox.start();
      log.info({ port: actual, mode: socketMode ? 'socket' : 'http' }, 'Rearview is listening');
      return actual;
    },
    async stop() {
      stopping = true;
      await rearview.scheduler?.stop();
      await outbox.stop();
      await app.stop();
      await ctx.db.destroy();
      log.info('Rearview stopped');
    },
  };
  return rearview;
}

/** One bot token for every workspace for now; the bot user id is asked once per team. */
function featureContext(ctx: AppContext, app: App, outbox: Outbox): FeatureContext {
  const botUserIds = new Map<string, Promise<string>>();
  return {
    ...ctx,
    outbox,
    clientFor: () => app.client,
    botUserId(teamId) {
      let id = botUserIds.get(teamId);
      if (!id) {
        id = app.client.auth.test().then((r) => String(r.user_id ?? ''));
        // A failed lookup is asked again next time rather than remembered.
        id.catch(() => botUserIds.delete(teamId));
        botUserIds.set(teamId, id);
      }
      return id;
    },
  };
}
