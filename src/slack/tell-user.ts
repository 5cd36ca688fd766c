import type { webApi } from '@slack/bolt';
import type { Message } from './messages.js';

/**
 * A private note to one person: ephemeral in the channel where they acted, or a DM when the
 * ephemeral cannot be delivered there (the bot is not in the channel, it was archived, …).
 */
export async function tellUser(
  client: webApi.WebClient,
  where: { channelId: string | undefined; userId: string },
  message: string | Message,
): Promise<void> {
  const content = typeof message === 'string' ? { text: message } : message;
  if (where.channelId) {
    try {
      await client.chat.postEphemeral({ channel: where.channelId, user: where.userId, ...content });
      return;
    } catch {
      // Falls through to a DM.
    }
  }
  await client.chat.postMessage({ channel: where.userId, ...content });
}
