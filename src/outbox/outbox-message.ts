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
  /** The Web API arguments, as JSON (an edit's come from its renderer when it is sent). */
  args: Record<string, unknown>;
  onSent?: OnSentTag;
  render?: RenderTag;
  pace?: PaceTag;
  /** A rendered call (`RenderedCall`): the Web API method it names, sent instead of the row's. */
  call?: string;
  /** Runs when Slack refuses a rendered call for good. */
  onRefused?: OnSentTag;
}

/**
 * One message to send. `jobKey` with `keyMode: 'dedupe'` (the default) makes a second enqueue of the same
 * key a no-op, even after the first was sent; `'debounce'` (edits: `messageEdit`) merges into a row of the
 * key that has not gone out yet, keeping the earlier `runAt`, or queues a fresh row behind one already sent
 * or being sent.
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

/** Names a renderer registered with the outbox (`Outbox.renderer`) and what it needs to find its message. */
export interface RenderTag {
  renderer: string;
  data: unknown;
}

/** Another edit of the same message waits at least `ms` after the last one, across copies of the bot. */
export interface PaceTag {
  key: string;
  ms: number;
}

/**
 * An edit of one posted message (a retro card, an owner's DM, a Five Whys chain), keyed by that message:
 * edits asked for while one waits become that one, and it is rendered when it is sent, from the state at
 * that moment, so the message always ends showing the latest. It goes on `queue` (the channel's or the
 * DM's), so it keeps its order with the posts there.
 */
export function messageEdit(
  teamId: string,
  queue: string,
  render: RenderTag,
  jobKey: string,
  options: { paceMs?: number } = {},
): OutboxMessage {
  return {
    teamId,
    queue,
    method: 'chat.update',
    payload: {
      args: {},
      render,
      ...(options.paceMs ? { pace: { key: jobKey, ms: options.paceMs } } : {}),
    },
    jobKey,
    keyMode: 'debounce',
  };
}

/**
 * The record of a channel's retros on its canvas, keyed by the channel: changes asked for while one waits
 * become that one, and its renderer (the canvas feature's) draws the canvas from the state of the moment it
 * is sent, or sends nothing when the workspace keeps no canvases. Its own queue: a canvas never holds up
 * the channel's posts.
 */
export function channelCanvasEdit(teamId: string, channelId: string): OutboxMessage {
  return {
    teamId,
    queue: `canvas:${teamId}:${channelId}`,
    method: 'chat.update',
    payload: { args: {}, render: { renderer: CHANNEL_CANVAS_RENDERER, data: { channelId } } },
    jobKey: `channel-canvas:${teamId}:${channelId}`,
    keyMode: 'debounce',
  };
}

export const CHANNEL_CANVAS_RENDERER = 'channel-canvas';
