import type { OutboxMethod } from './outbox.table.js';

/** A Slack message body: what `chat.postMessage` and friends take besides channel/user/ts. */
export interface MessageContent {
  text: string;
  blocks?: unknown[];
  [arg: string]: unknown;
}

/** Names a handler registered with the worker, run after Slack confirmed the send (see `runOutbox`). */
export interface OnSentTag {
  handler: string;
  data?: unknown;
}

export interface OutboxPayload {
  /** The Web API arguments, as JSON. */
  args: Record<string, unknown>;
  onSent?: OnSentTag;
}

/**
 * One message to send. `jobKey` with `keyMode: 'dedupe'` (the default) makes a second enqueue of the same
 * key a no-op, even after the first was sent; `'debounce'` replaces the payload of a not-yet-sent row and
 * pushes its `runAt`, or queues a fresh row behind one already sent or being sent.
 */
export interface OutboxMessage {
  teamId: string;
  queue: string;
  method: OutboxMethod;
  payload: OutboxPayload;
  jobKey?: string;
  keyMode?: 'dedupe' | 'debounce';
  /** Not before; default now. */
  runAt?: Date;
}

/** Posts to one channel share a queue, so they keep their order. */
export function channelQueue(teamId: string, channelId: string): string {
  return `channel:${teamId}:${channelId}`;
}

export function dmQueue(teamId: string, userId: string): string {
  return `dm:${teamId}:${userId}`;
}

type PostOptions = Pick<OutboxMessage, 'jobKey' | 'runAt'> & { onSent?: OnSentTag };

export function channelPost(
  teamId: string,
  channelId: string,
  content: MessageContent,
  options: PostOptions = {},
): OutboxMessage {
  return message(
    teamId,
    channelQueue(teamId, channelId),
    'chat.postMessage',
    { ...content, channel: channelId },
    options,
  );
}

/** A DM: the worker opens the conversation (conversations.open) and posts into it. */
export function directMessage(
  teamId: string,
  userId: string,
  content: MessageContent,
  options: PostOptions = {},
): OutboxMessage {
  return message(teamId, dmQueue(teamId, userId), 'dm', { ...content, user: userId }, options);
}

function message(
  teamId: string,
  queue: string,
  method: OutboxMessage['method'],
  args: Record<string, unknown>,
  options: PostOptions,
): OutboxMessage {
  return {
    teamId,
    queue,
    method,
    payload: { args, ...(options.onSent ? { onSent: options.onSent } : {}) },
    ...(options.jobKey ? { jobKey: options.jobKey } : {}),
    ...(options.runAt ? { runAt: options.runAt } : {}),
  };
}

/**
 * An edit of a posted message, debounced on `jobKey` (e.g. `card:{retro}`): a burst of changes within
 * `delayMs` becomes one chat.update with the last content.
 */
export function debouncedUpdate(
  teamId: string,
  where: { channelId: string; ts: string },
  content: MessageContent,
  jobKey: string,
  runAt: Date,
): OutboxMessage {
  return {
    teamId,
    queue: channelQueue(teamId, where.channelId),
    method: 'chat.update',
    payload: { args: { ...content, channel: where.channelId, ts: where.ts } },
    jobKey,
    keyMode: 'debounce',
    runAt,
  };
}
