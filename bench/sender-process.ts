// The load generator, in a process of its own so that signing and sending requests do not take
// the event loop of the apps being measured. It is started by sender-pool.ts through IPC.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { sign } from '../test/harness/signed-sender.js';
import type { Answer, BurstOrder } from './sender-pool.js';

process.on('message', (order: BurstOrder) => {
  void sendAll(order).then((answers) => process.send?.(answers));
});

/**
 * `order.concurrency` senders, each sending its next request once the last one was answered, each
 * on a connection of its own opened before the burst. Both apps are measured on the same footing:
 * left to the HTTP client, idle connections are closed after a few seconds, and as the two apps
 * wait different times between bursts (Rearview's card renders are waited out), one app's bursts
 * would open new connections more often than the other's.
 */
async function sendAll(order: BurstOrder): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: order.concurrency });
  try {
    // A connection that cannot be opened now is opened by the burst itself (or its request fails there).
    const warm = () => exchange(agent, order.url, 'GET').catch(() => undefined);
    await Promise.all(Array.from({ length: order.concurrency }, warm));
    const answers: Answer[] = [];
    let next = 0;
    const sender = async () => {
      while (next < order.requests.length) {
        const index = next++;
        const item = order.requests[index];
        if (item) answers[index] = await send(agent, order, item.body, item.contentType);
      }
    };
    await Promise.all(Array.from({ length: order.concurrency }, sender));
    return answers;
  } finally {
    agent.destroy();
  }
}

async function send(agent: Agent, order: BurstOrder, body: string, contentType: string): Promise<Answer> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(order.signingSecret, body, timestamp),
  };
  const start = performance.now();
  try {
    const { status, text } = await exchange(agent, order.url, 'POST', headers, body);
    return { ms: performance.now() - start, status, text };
  } catch (error) {
    return { ms: performance.now() - start, status: 0, text: String(error) };
  }
}

/** One request and its whole answer. */
function exchange(
  agent: Agent,
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
