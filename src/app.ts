import { App, type Logger as BoltLogger, HTTPReceiver, type Receiver, type webApi } from '@slack/bolt';
import { actionItemsModule } from './action-items/index.js';
import { canvasModule } from './canvas/index.js';
import { carryOverModule, reviewLastActions } from './carry-over/index.js';
import { chartsModule } from './charts/index.js';
import { registerRetroCommand } from './commands/register.js';
import { CONFIG_DOCS } from './config.js';
import type { AppContext, FeatureContext } from './context.js';
import { draftsModule, offerDrafts } from './drafts/index.js';
import type { FeatureModule } from './feature.js';
import { feedbackModule } from './feedback/index.js';
import { fiveWhysModule } from './five-whys/index.js';
import { followUpModule } from './follow-up/index.js';
import { healthRoutes } from './health.js';
import { historyModule } from './history/index.js';
import { homeModule, homeRefresher } from './home/index.js';
import {
  type AuthorizeTeam,
  BOT_SCOPES,
  createInstallationStore,
  INSTALL_PATH,
  REDIRECT_PATH,
  type RearviewInstallationStore,
  refreshOnceAcrossCopies,
  teamClients,
  tokenOf,
} from './installations/index.js';
import { kpiModule } from './kpi/index.js';
import { childLogger, type Logger, safeError } from './logger.js';
import { createOutbox, createOutboxClient, type MethodBudget, type Outbox } from './outbox/index.js';
import { outboxModule } from './outbox/outbox.jobs.js';
import { phaseChangeModule } from './phase-change/index.js';
import { createCardPacer } from './retro/card-pace.service.js';
import { retroModule } from './retro/index.js';
import { retroStartedHooks } from './retro/retro-started.js';
import { type Cron, startCron } from './scheduler/cron.js';
import { schedulesModule } from './schedules/index.js';
import { arrivalOf, closeServer, createHttpServer, type ExtraRoute, listen } from './server/http-server.js';
import { WorkTracker } from './server/work-tracker.js';
import { settingsModule } from './settings/index.js';
import { setupModule } from './setup/index.js';
import { ARRIVED_AT, answerInTime, guardAcks } from './slack/answer-in-time.js';
import { boltLogger } from './slack/bolt-logger.js';
import { dedupeEvents } from './slack/dedupe-events.js';
import { registerErrorHandler } from './slack/error-handler.js';
import { createRouter } from './slack/router.js';
import { type SocketConnection, socketConnection } from './slack/socket-connection.js';
import { EXIT_CONFIG, explainListenFailure, explainSlackFailure, StartupFailure } from './startup.js';
import { summaryModule } from './summary/index.js';
import { votingModule } from './voting/index.js';
import { workspacesModule } from './workspaces/index.js';

const SLACK_EVENTS_PATH = '/slack/events';

/** What follows a retro's start, however it started: `/retro start` or a schedule. */
const onRetroStarted = retroStartedHooks([reviewLastActions, offerDrafts]);

/** Every feature of the app; each registers its own listeners, subcommands and jobs. */
const FEATURES: readonly FeatureModule[] = [
  // First: a removed workspace's data is gone before the other jobs look for work.
  workspacesModule,
  retroModule,
  setupModule(onRetroStarted),
  feedbackModule,
  votingModule,
  phaseChangeModule,
  kpiModule,
  summaryModule,
  chartsModule,
  actionItemsModule(homeRefresher),
  carryOverModule(homeRefresher),
  draftsModule,
  historyModule,
  fiveWhysModule,
  canvasModule,
  schedulesModule(onRetroStarted),
  homeModule,
  settingsModule,
  followUpModule,
  // Its own: the outbox's pass and pruning; no other feature's work depends on its place in the list.
  outboxModule,
];

export interface BuildOptions {
  /** Web API retry policy; tests use fewer retries so a failing fake answers quickly. */
  retryConfig?: webApi.WebClientOptions['retryConfig'];
  /** false: no minutely cron (tests drive `scheduler.tick()` themselves). */
  cron?: boolean;
  /** Gap between two outbox posts to one channel (default about a second, as Slack asks). */
  outboxPaceMs?: number;
  /** Each method's budget within a workspace (`outbox/rate-gate.ts`); tests on a still clock pace none. */
  outboxMethodBudgets?: Readonly<Record<string, MethodBudget>>;
  /** Routes served beside Slack's (the local demo's); a production start gives none. */
  routes?: readonly ExtraRoute[];
  /** false: stop() leaves the database open for its owner (copies of the app on one embedded database). */
  closeDatabase?: boolean;
}

export interface RearviewApp {
  app: App;
  /**
   * Takes the port early (its failure is the quickest to report); until start() completes it
   * answers health checks as not ready and Slack's requests with 503.
   */
  listen(port?: number): Promise<number>;
  /** Listens on `port` (0 = any free port) unless listening already, and resolves with the port in use. */
  start(port?: number): Promise<number>;
  /**
   * Turns not-ready and answers new requests 503, lets in-flight requests and the work after their
   * acknowledgement finish until `deadline` (epoch ms), then closes connections and the database.
   */
  stop(options?: { deadline?: number }): Promise<void>;
  /** What every feature is given (tests run jobs with it and a fake clock). */
  features: FeatureContext;
  /** Installed by OAuth: where installations are kept (app_uninstalled deletes through it). */
  installations: RearviewInstallationStore | undefined;
  /** Set once started; `SCHEDULER=off` gives one whose tick does nothing. */
  scheduler: Cron | undefined;
}

/** Socket Mode when an app-level token is set; otherwise Slack's HTTP requests, served by our own server. */
function slackReceiver(
  config: AppContext['config'],
  logger: BoltLogger,
  slackLog: Logger,
  clientOptions: webApi.WebClientOptions,
  installations: RearviewInstallationStore | undefined,
): { receiver: Receiver; httpReceiver?: HTTPReceiver; socket?: SocketConnection } {
  if (config.slack.appToken) {
    const socket = socketConnection(config.slack.appToken, logger, slackLog, clientOptions);
    return { receiver: socket.receiver, socket };
  }
  const httpReceiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? '',
    endpoints: SLACK_EVENTS_PATH,
    logger,
    // Slack's 3 s run from when the request reached us, queue included (see answer-in-time.ts).
    customPropertiesExtractor: (req) => ({ [ARRIVED_AT]: arrivalOf(req) }),
    ...(config.slack.oauth && installations
      ? oauthOptions(config.slack.oauth, installations, clientOptions)
      : {}),
  });
  return { receiver: httpReceiver, httpReceiver };
}

/**
 * Bolt's own OAuth: the "Add to Slack" page, the redirect (state checked against a signed cookie, so a
 * forged or replayed callback fails) and `authorize`, which fetches each request's installation.
 */
function oauthOptions(
  oauth: NonNullable<AppContext['config']['slack']['oauth']>,
  installationStore: RearviewInstallationStore,
  clientOptions: webApi.WebClientOptions,
) {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore,
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // oauth.v2.access goes where every other call goes (the fake Slack in tests).
      clientOptions,
    },
  };
}

/** How long a stop waits for unfinished work when the caller sets no deadline. */
const DEFAULT_DRAIN_MS = 8_000;

export function buildApp(ctx: AppContext, options: BuildOptions = {}): RearviewApp {
  const { config } = ctx;
  const log = childLogger(ctx.logger, 'app');
  const slackLog = childLogger(ctx.logger, 'slack');
  const logger = boltLogger(childLogger(ctx.logger, 'bolt'));
  const clientOptions: webApi.WebClientOptions = {
    // The Web API client has no timeout of its own; a hung call would hold a listener forever.
    timeout: 10_000,
    retryConfig: options.retryConfig ?? { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  };
  const installations =
    config.slack.oauth && config.tokenKeys
      ? createInstallationStore({ db: ctx.db, clock: ctx.clock, keyring: config.tokenKeys })
      : undefined;
  const { receiver, httpReceiver, socket } = slackReceiver(
    config,
    logger,
    slackLog,
    clientOptions,
    installations,
  );
  const installer = httpReceiver?.installer;
  // Every authorize, for a request or for work with no request behind it, refreshes a rotating token once.
  const authorize =
    installer && installations
      ? refreshOnceAcrossCopies(installations, (query) => installer.authorize(query))
      : undefined;
  const authorizeTeam: AuthorizeTeam | undefined = authorize
    ? (teamId) => authorize({ teamId, isEnterpriseInstall: false, enterpriseId: undefined })
    : undefined;
  const app = new App({
    // guardAcks wraps the receiver, so Bolt does not see its installer: its authorize is handed over here.
    ...(authorize ? { authorize: (source) => authorize(source) } : { token: config.slack.botToken }),
    logger,
    clientOptions,
    deferInitialization: true,
    extendedErrorHandler: true,
    // Nothing here keeps state per conversation; Bolt's store would be one more step per request.
    convoStore: false,
    receiver: guardAcks(receiver),
  });

  let phase: 'starting' | 'running' | 'stopping' = 'starting';
  const notTakingRequests = () => (phase === 'running' ? undefined : phase);
  const work = new WorkTracker();
  const server = createHttpServer({
    health: healthRoutes(
      ctx.db,
      () => notTakingRequests() ?? (socket && !socket.connected() ? 'Slack connection down' : undefined),
    ),
    ...(httpReceiver
      ? {
          slack: {
            path: SLACK_EVENTS_PATH,
            listener: httpReceiver.requestListener,
            ...(installer ? { pages: [INSTALL_PATH, REDIRECT_PATH] } : {}),
          },
        }
      : {}),
    ...(options.routes ? { routes: options.routes } : {}),
    work,
    notTakingRequests,
    logger: log,
  });

  // Outermost, so a shutdown also waits for what listeners do after acknowledging.
  app.use(async ({ next }) => {
    await work.track(next());
  });
  app.use(answerInTime(slackLog));
  app.use(dedupeEvents(ctx.db));
  registerErrorHandler(app, slackLog);
  const outbox = createOutbox(ctx, {
    client: createOutboxClient(config, childLogger(ctx.logger, 'outbox')),
    ...(authorizeTeam ? { tokenFor: (teamId: string) => tokenOf(authorizeTeam, teamId) } : {}),
    ...(options.outboxPaceMs !== undefined ? { paceMs: options.outboxPaceMs } : {}),
    ...(options.outboxMethodBudgets ? { methodBudgets: options.outboxMethodBudgets } : {}),
  });
  const features = featureContext(
    ctx,
    app,
    outbox,
    authorizeTeam && teamClients(authorizeTeam, clientOptions),
  );
  registerRetroCommand(app, Object.assign({}, ...FEATURES.map((f) => f.subcommands?.(features) ?? {})));
  const listeners = createRouter(app);
  for (const feature of FEATURES) feature.register?.(listeners, features);

  let boundPort = 0;
  const rearview: RearviewApp = {
    app,
    features,
    installations,
    scheduler: undefined,
    async listen(port = config.port) {
      if (server.listening) return boundPort;
      boundPort = await listen(server, port).catch((error: unknown) => {
        throw explainListenFailure(error, port);
      });
      // Only now: a failure to listen is reported as a start-up failure, not logged as well.
      server.on('error', (error) => log.error({ err: safeError(error) }, 'HTTP server error'));
      return boundPort;
    },
    async start(port = config.port) {
      const missing = await installations?.missingKeys();
      if (missing?.length) {
        throw new StartupFailure(
          `TOKEN_ENCRYPTION_KEY lacks key ${missing.map((id) => `"${id}"`).join(', ')}, which encrypted stored workspace tokens: add it back after the current key (see ${CONFIG_DOCS})`,
          EXIT_CONFIG,
        );
      }
      const actual = await rearview.listen(port);
      // Checks the bot token with auth.test before taking requests.
      await app.init().catch((error: unknown) => {
        throw explainSlackFailure(error, 'SLACK_BOT_TOKEN', config);
      });
      await socket?.start().catch(async (error: unknown) => {
        await closeServer(server, Date.now());
        throw explainSlackFailure(error, 'SLACK_APP_TOKEN', config);
      });
      const jobs = FEATURES.flatMap((f) => f.jobs?.(features) ?? []);
      rearview.scheduler = startCron(features, jobs, { schedule: options.cron !== false });
      outbox.start();
      phase = 'running';
      log.info({ port: actual, mode: socket ? 'socket' : 'http' }, 'Rearview is listening');
      return actual;
    },
    async stop({ deadline = Date.now() + DEFAULT_DRAIN_MS } = {}) {
      if (phase === 'stopping') return;
      phase = 'stopping';
      await rearview.scheduler?.stop();
      if (!(await work.settled(deadline))) {
        log.warn({ unfinished: work.size }, 'stopping with work unfinished: the grace period is over');
      }
      await closeServer(server, deadline);
      await socket?.stop();
      // A card edit still waiting out its pace is queued now, not left a submission behind, and the
      // outbox sends what it can before the database closes; what it cannot, the next start sends.
      work.track(features.cards.stop().then(() => outbox.flush()));
      if (!(await work.settled(deadline))) {
        log.warn('stopping before everything queued was sent: the grace period is over');
      }
      await outbox.stop();
      if (options.closeDatabase !== false) await ctx.db.destroy();
      log.info('Rearview stopped');
    },
  };
  return rearview;
}

/**
 * Installed by OAuth, each workspace's calls carry its own token (`perTeam`); otherwise the one bot token
 * serves the workspace it belongs to, and the bot user id is asked once per team.
 */
function featureContext(
  ctx: AppContext,
  app: App,
  outbox: Outbox,
  perTeam: Pick<FeatureContext, 'clientFor' | 'botUserId'> | undefined,
): FeatureContext {
  const cards = createCardPacer({ db: ctx.db, logger: ctx.logger, outbox, clock: ctx.clock });
  if (perTeam) return { ...ctx, outbox, cards, clientFor: perTeam.clientFor, botUserId: perTeam.botUserId };
  const botUserIds = new Map<string, Promise<string>>();
  const clientFor = () => app.client;
  return {
    ...ctx,
    outbox,
    clientFor,
    cards,
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
