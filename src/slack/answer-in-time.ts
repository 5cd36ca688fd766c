import type {
  AckFn,
  AnyMiddlewareArgs,
  App,
  Context,
  Middleware,
  Receiver,
  ReceiverEvent,
} from '@slack/bolt';
import { type Logger, safeError } from '../logger.js';

/**
 * Slack shows its own generic error when a request is not acknowledged within 3 s. We answer
 * ourselves a little before that, leaving room for the network.
 */
export const ANSWER_DEADLINE_MS = 2_300;

export const NOT_SAVED_IN_MODAL =
  'Sorry, that did not go through and nothing was saved. Your text is still here: please submit again in a moment.';
export const NOT_DONE_FOR_COMMAND =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.';

/** Per request, shared by the receiver's ack and the middleware through the Bolt context. */
interface AckState {
  receivedAt: number;
  acked: boolean;
  /** Set when this module answered instead of the listener (it failed or was too slow). */
  answeredForListener: boolean;
}

const ACK_STATE = 'ackState';

/**
 * The custom property (see Bolt's `customPropertiesExtractor`) with the time a request reached our
 * server, in epoch ms: the deadline counts from then, not from when Bolt got to it.
 */
export const ARRIVED_AT = 'arrivedAt';

function ackStateOf(context: Context): AckState | undefined {
  return context[ACK_STATE] as AckState | undefined;
}

/**
 * For listeners that store something before acknowledging: false once the user has been told
 * "nothing was saved" because the listener was too slow, so it must not commit any more.
 */
export function ackStillOpen(context: Context): boolean {
  return ackStateOf(context)?.acked !== true;
}

/**
 * Wraps a receiver so every request's ack() answers at most once: when this module has already
 * answered for a failed or slow listener, the listener's own late ack() is a no-op instead of
 * Bolt's ReceiverMultipleAckError.
 */
export function guardAcks(inner: Receiver): Receiver {
  return {
    init(app: App) {
      const guarded = {
        processEvent: (event: ReceiverEvent) => app.processEvent(withGuardedAck(event)),
      };
      inner.init(guarded as unknown as App);
    },
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
  };
}

function withGuardedAck(event: ReceiverEvent): ReceiverEvent {
  const arrived = event.customProperties?.[ARRIVED_AT];
  const receivedAt = typeof arrived === 'number' ? arrived : Date.now();
  const state: AckState = { receivedAt, acked: false, answeredForListener: false };
  const ack: AckFn<unknown> = async (response) => {
    if (state.acked) return;
    state.acked = true;
    await event.ack(response);
  };
  return { ...event, ack, customProperties: { ...event.customProperties, [ACK_STATE]: state } };
}

interface RequestShape {
  type?: string;
  command?: string;
  view?: { blocks?: Array<{ type?: string; block_id?: string }> };
}

/** What we acknowledge with when the listener could not: something the user sees, where possible. */
function fallbackAnswer(body: RequestShape): Record<string, unknown> | undefined {
  if (body.type === 'view_submission') {
    const input = body.view?.blocks?.find((block) => block.type === 'input' && block.block_id);
    // response_action 'errors' keeps the modal open with everything typed in it.
    return input?.block_id
      ? { response_action: 'errors', errors: { [input.block_id]: NOT_SAVED_IN_MODAL } }
      : undefined;
  }
  if (body.command) return { response_type: 'ephemeral', text: NOT_DONE_FOR_COMMAND };
  return undefined;
}

/**
 * A global middleware: whatever happens before the acknowledgement (a database that is down or
 * hangs, a bug) becomes an answer inside Slack's 3 s. A modal submission gets an inline error on
 * its first input with the text kept, a slash command an ephemeral message; other requests are
 * acknowledged plainly and their error goes on to the error handler, which tells the user.
 */
export function answerInTime(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const ack = (args as { ack?: AckFn<unknown> }).ack;
    const state = ackStateOf(context);
    if (!ack || !state || state.acked) return next();
    const shape = body as RequestShape;
    const request = shape.type ?? (shape.command ? 'slash_command' : 'unknown');
    const answerForListener = async () => {
      if (state.acked) return;
      state.answeredForListener = true;
      await ack(fallbackAnswer(shape)).catch((error: unknown) =>
        logger.warn({ err: safeError(error) }, 'could not acknowledge for the listener'),
      );
    };
    const timer = setTimeout(
      () => {
        logger.warn({ request }, 'listener too slow: acknowledged for it before Slack gives up');
        void answerForListener();
      },
      Math.max(0, state.receivedAt + ANSWER_DEADLINE_MS - Date.now()),
    );
    try {
      await next();
    } catch (error) {
      const toldUser = state.answeredForListener || (!state.acked && fallbackAnswer(shape) !== undefined);
      await answerForListener();
      // Otherwise the error handler logs it and tells the user.
      if (!toldUser) throw error;
      logger.error(
        { err: safeError(error), request },
        'listener failed before acknowledging; the user was told',
      );
    } finally {
      clearTimeout(timer);
    }
  };
}
