/**
 * What to do when Slack does not take a message. Plain rules, no Slack client in here: the worker turns
 * the client's error into a `SendFailure` and does what `decide` says.
 */
export type SendFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'http'; status: number }
  | { kind: 'platform'; error: string }
  | { kind: 'network'; message: string };

export type SendDecision =
  | { action: 'retry'; runAt: Date; reason: string; countsAsAttempt: boolean }
  | { action: 'fail'; reason: string };

/** The person, channel or installation is gone: trying again cannot help, so it is recorded and left. */
const PERMANENT_ERRORS = new Set([
  'user_not_found',
  'account_inactive',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'token_revoked',
  'cannot_dm_bot',
  'user_disabled',
  'message_not_found',
]);

/** What Slack answers for a token it no longer takes. */
const TOKEN_REFUSED = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'not_authed']);

/** Slack refused the token itself: one kept from before may be stale, so it is worth asking for it again. */
export function isTokenRefused(failure: SendFailure): failure is { kind: 'platform'; error: string } {
  return failure.kind === 'platform' && TOKEN_REFUSED.has(failure.error);
}

/** `ok: false` answers that describe Slack's trouble, not ours. */
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export const SEND_POLICY = {
  firstBackoffMs: 5_000,
  maxBackoffMs: 30 * 60_000,
  /** About eight hours of a Slack outage with the backoff above, then the message is given up. */
  maxAttempts: 25,
  /** Slack's pace for posts to one channel. */
  channelPaceMs: 1_000,
} as const;

export function backoffMs(attempts: number, policy = SEND_POLICY): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxBackoffMs, policy.firstBackoffMs * 2 ** Math.min(exponent, 30));
}

/** `attempts` counts this one. */
export function decide(
  failure: SendFailure,
  attempts: number,
  now: Date,
  policy = SEND_POLICY,
): SendDecision {
  const later = (ms: number, reason: string): SendDecision =>
    attempts >= policy.maxAttempts
      ? { action: 'fail', reason: `gave up after ${attempts} attempts: ${reason}` }
      : { action: 'retry', runAt: new Date(now.getTime() + ms), reason, countsAsAttempt: true };
  switch (failure.kind) {
    case 'rate_limited':
      // Slack said how long; a 429 is Slack's pace, not a failure, so it does not use up attempts.
      return {
        action: 'retry',
        runAt: new Date(now.getTime() + Math.max(1, failure.retryAfterSeconds) * 1000),
        reason: `rate limited, retry after ${failure.retryAfterSeconds}s`,
        countsAsAttempt: false,
      };
    case 'http':
      return failure.status >= 500
        ? later(backoffMs(attempts, policy), `HTTP ${failure.status}`)
        : { action: 'fail', reason: `HTTP ${failure.status}` };
    case 'network':
      return later(backoffMs(attempts, policy), `network: ${failure.message}`);
    case 'platform':
      if (PERMANENT_ERRORS.has(failure.error)) return { action: 'fail', reason: failure.error };
      if (TRANSIENT_ERRORS.has(failure.error)) return later(backoffMs(attempts, policy), failure.error);
      // Any other refusal (invalid_blocks, msg_too_long, …): the same
      // request would be refused again.
      return { action: 'fail', reason: failure.error };
  }
}
