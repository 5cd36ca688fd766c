import { type Logger as BoltLogger, SocketModeReceiver, type webApi } from '@slack/bolt';
import { type Logger, safeError } from '../logger.js';
import { platformErrorOf } from './platform-error.js';

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/** Errors of apps.connections.open that no retry fixes: the app-level token is wrong. */
const REJECTED_TOKEN = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'team_disabled']);

export interface SocketConnection {
  receiver: SocketModeReceiver;
  connected(): boolean;
  /** Resolves once connected, or once the first failure is scheduled for a retry; rejects when Slack refuses the token. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Socket Mode connection, reconnected by us with a growing delay: the client's own retry
 * logs the same error every 5 s forever. The first failure is logged once with its cause and the
 * delay; further ones only at debug level until the connection is back.
 */
export function socketConnection(
  appToken: string,
  boltLog: BoltLogger,
  logger: Logger,
  clientOptions: webApi.WebClientOptions,
): SocketConnection {
  let lastCause: string | undefined;
  // The Socket Mode client reports connection failures as errors; they are summarised below instead.
  const clientLog: BoltLogger = {
    ...boltLog,
    error: (...msg: unknown[]) => {
      const text = msg.map(String).join(' ');
      // Only the failure to get a socket URL carries detail; the WebSocket errors arrive empty.
      if (!lastCause && text.startsWith('Failed to retrieve')) lastCause = text;
      logger.debug({ cause: text }, 'Socket Mode client error');
    },
  };
  const receiver = new SocketModeReceiver({
    appToken,
    logger: clientLog,
    autoReconnectEnabled: false,
    installerOptions: { clientOptions },
  });
  const client = receiver.client;
  let up = false;
  let stopping = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  client.on('connected', () => {
    up = true;
    if (failures > 0) logger.info({ failedAttempts: failures }, 'Socket Mode connected again');
    failures = 0;
  });
  const down = (cause?: unknown) => {
    up = false;
    if (stopping || retry) return;
    failures += 1;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
    const attemptNo = failures;
    // The client logs the reason of a failed attempt just after reporting it closed.
    setImmediate(() => {
      const reason = lastCause || (cause instanceof Error && cause.message) || unreachableSocket();
      if (attemptNo === 1) {
        logger.warn(
          { cause: reason, retryInMs: delay },
          'Socket Mode is not connected; retrying with a growing delay (logged again once connected)',
        );
      } else {
        logger.debug(
          { cause: reason, retryInMs: delay, failures: attemptNo },
          'Socket Mode still not connected',
        );
      }
    });
    retry = setTimeout(() => {
      retry = undefined;
      void attempt().catch(down);
    }, delay);
  };
  client.on('disconnected', () => down());

  // The WebSocket layer reports a failed connection without any detail, so say where it went.
  const unreachableSocket = () => {
    const url = (client as unknown as { connectionResponse?: { url?: string } }).connectionResponse?.url;
    return url ? `could not open the WebSocket to ${new URL(url).host}` : 'the connection closed';
  };
  const attempt = async () => {
    lastCause = undefined;
    await client.start();
  };

  return {
    receiver,
    connected: () => up,
    async start() {
      try {
        await attempt();
      } catch (error) {
        const code = platformErrorOf(error);
        if (code && REJECTED_TOKEN.has(code)) throw error;
        down(error);
      }
    },
    async stop() {
      stopping = true;
      clearTimeout(retry);
      await client.disconnect().catch((error: unknown) => {
        logger.warn({ err: safeError(error) }, 'could not close the Socket Mode connection');
      });
    },
  };
}
