import { Writable } from 'node:stream';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ARRIVED_AT, answerInTime, guardAcks, NOT_SAVED_IN_MODAL } from '../../src/slack/answer-in-time.js';

const submission = {
  type: 'view_submission',
  view: { blocks: [{ type: 'input', block_id: 'section_start' }] },
};

/**
 * One request through the receiver wrapper and the middleware, as Bolt would run them; its listener
 * acknowledges once `release` is called.
 */
function oneRequest(customProperties: Record<string, unknown>) {
  const acks: unknown[] = [];
  const logger = createLogger({
    level: 'silent',
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const middleware = answerInTime(logger);
  let release = () => {};
  const listenerMayAck = new Promise<void>((resolve) => {
    release = resolve;
  });
  let processEvent: (event: ReceiverEvent) => Promise<void> = async () => {};
  const inner = {
    init: (app: App) => {
      processEvent = (event) => app.processEvent(event);
    },
    start: async () => {},
    stop: async () => {},
  } as unknown as Receiver;
  const app = {
    processEvent: (event: ReceiverEvent) =>
      middleware({
        body: submission,
        context: { ...event.customProperties },
        ack: event.ack,
        next: async () => {
          await listenerMayAck;
          await event.ack();
        },
      } as never),
  };
  guardAcks(inner).init(app as unknown as App);
  const done = processEvent({
    body: submission,
    ack: async (response?: unknown) => {
      acks.push(response);
    },
    customProperties,
  } as ReceiverEvent);
  return { acks, release, done };
}

describe('answering before Slack gives up', () => {
  it('counts from when the request reached the server, so one that waited its turn is answered at once', async () => {
    vi.useFakeTimers();
    try {
      const request = oneRequest({ [ARRIVED_AT]: Date.now() - 2_400 });
      // A millisecond on the fake clock: the deadline is already behind, not 2.3 s ahead.
      await vi.advanceTimersByTimeAsync(1);
      expect(request.acks).toEqual([
        { response_action: 'errors', errors: { section_start: NOT_SAVED_IN_MODAL } },
      ]);
      // The listener's own late acknowledgement changes nothing.
      request.release();
      await request.done;
      expect(request.acks).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves a request that has just arrived to its listener', async () => {
    const request = oneRequest({ [ARRIVED_AT]: Date.now() });
    request.release();
    await request.done;
    expect(request.acks).toEqual([undefined]);
  });
});
