import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import { register as registerCommands } from './commands/register.js';
import type { AppContext } from './context.js';
import { healthRoutes } from './health.js';
import { register as registerHome } from './home/register.js';
import { childLogger } from './logger.js';
import { registerRetro, retroSubcommands } from './retro/register.js';
import { type Scheduler, startScheduler } from './scheduler/scheduler.js';
import { boltLogger } from './slack/bolt-logger.js';
import { dedupeEvents } from './slack/dedupe-events.js';
import { registerErrorHandler } from './slack/error-handler.js';

export interface BuildOptions {
  /** Web API retry policy; tests use fewer retries so a failing fake answers quickly. */
  retryConfig?: webApi.WebClientOptions['retryConfig'];
  /** false: no minutely cron (tests drive `scheduler.tick()` themselves). */
  cron?: boolean;
}

export interface RearviewApp {
  app: App;
  /** Listens on `port` (0 = any free port) and resolves with the port in use. */
  start(port?: number): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  stop(): Promise<void>;
  /** Set once started. */
  scheduler: Scheduler | undefined;
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

  app.use(dedupeEvents(ctx.db));
  registerErrorHandler(app, childLogger(ctx.logger, 'slack'));
  registerCommands(app, ctx, retroSubcommands(ctx));
  registerRetro(app, ctx);
  registerHome(app, ctx);

  const rearview: RearviewApp = {
    app,
    scheduler: undefined,
    async start(port = config.port) {
      // Checks the bot token with auth.test before taking requests.
      await app.init();
      const server = await app.start(port);
      const actual = socketMode ? port : ((server as { address(): AddressInfo }).address().port ?? port);
      rearview.scheduler = startScheduler(ctx, app.client, { cron: options.cron !== false });
      log.info({ port: actual, mode: socketMode ? 'socket' : 'http' }, 'Rearview is listening');
      return actual;
    },
    async stop() {
      stopping = true;
      await rearview.scheduler?.stop();
      await app.stop();
      await ctx.db.destroy();
      log.info('Rearview stopped');
    },
  };
  return rearview;
}
