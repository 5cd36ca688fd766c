// The load generator, in a process of its own so that signing and sending requests do not take
// the event loop of the apps being measured. It is started by sender-pool.ts through IPC.
import { performance } from 'node:perf_hooks';
import { sign } from '../test/harness/signed-sender.js';
import type { Answer, BurstOrder } from './sender-pool.js';

process.on('message', (order: BurstOrder) => {
  void sendAll(order).then((answers) => process.send?.(answers));
});

/** `order.concurrency` senders, each sending its next request once the last one was answered. */
async function sendAll(order: BurstOrder): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const sender = async () => {
    while (next < order.requests.length) {
      const index = next++;
      const request = order.requests[index];
      if (request) answers[index] = await send(order, request.body, request.contentType);
    }
  };
  await Promise.all(Array.from({ length: order.concurrency }, sender));
  return answers;
}

async function send(order: BurstOrder, body: string, contentType: string): Promise<Answer> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(order.signingSecret, body, timestamp),
  };
  const start = performance.now();
  try {
    const res = await fetch(order.url, { method: 'POST', headers, body });
    const text = await res.text();
    return { ms: performance.now() - start, status: res.status, text };
  } catch (error) {
    return { ms: performance.now() - start, status: 0, text: String(error) };
  }
}
