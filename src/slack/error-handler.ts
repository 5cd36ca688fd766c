import type { AnyMiddlewareArgs, App, CodedError, Context } from '@slack/bolt';
import { type Logger, safeError } from '../logger.js';
import { platformErrorOf } from './platform-error.js';

/** The few request fields that say what failed and whom to tell; shapes differ per request type. */
interface RequestFields {
  type?: string;
  command?: string;
  response_url?: string;
  user?: { id?: string };
  user_id?: string;
  channel?: { id?: string };
  channel_id?: string;
  container?: { channel_id?: string };
}

const SORRY = 'Sorry, something went wrong on our side and that did not work. Please try again in a moment.';
/** Slack opens a window only within 3 s of the press or command that asked for it; a new one gets a new 3 s. */
const TOO_SLOW_TO_OPEN = 'Sorry, that window took too long to open. Please try again.';

function apologyFor(error: CodedError): string {
  return platformErrorOf(error) === 'expired_trigger_id' ? TOO_SLOW_TO_OPEN : SORRY;
}

/**
 * The one place unexpected errors end up. It logs the error (never the request body: it can hold
 * anonymous feedback) and tells the user, when the request says who and where.
 */
export function registerErrorHandler(app: App, logger: Logger): void {
  const handler = async ({
    error,
    body,
    context,
  }: {
    error: CodedError;
    body: AnyMiddlewareArgs['body'];
    context: Context;
  }) => {
    const b = (body ?? {}) as RequestFields;
    logger.error(
      {
        err: safeError(error),
        request: b.type ?? (b.command ? 'slash_command' : 'unknown'),
        team: context?.teamId,
      },
      'listener failed',
    );
    const text = apologyFor(error);
    const userId: string | undefined = b.user?.id ?? b.user_id;
    const channelId: string | undefined = b.channel?.id ?? b.channel_id ?? b.container?.channel_id;
    try {
      if (typeof b.response_url === 'string') {
        await fetch(b.response_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        });
      } else if (userId && channelId) {
        await app.client.chat.postEphemeral({
          token: context?.botToken,
          channel: channelId,
          user: userId,
          text,
        });
      }
    } catch (notifyError) {
      logger.warn({ err: safeError(notifyError) }, 'could not tell the user about the failure');
    }
  };
  // Registered with extendedErrorHandler: true, so Bolt passes the request alongside the error.
  app.error(handler as unknown as Parameters<App['error']>[0]);
}
