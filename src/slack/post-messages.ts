import type { webApi } from '@slack/bolt';
import type { Message } from './messages.js';

/** Posts in order, one after the other: Slack allows about one message per second per channel. */
export async function postMessages(
  client: webApi.WebClient,
  channel: string,
  messages: readonly Message[],
  threadTs?: string | null,
): Promise<void> {
  for (const message of messages) {
    await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message });
  }
}
