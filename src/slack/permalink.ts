import type { webApi } from '@slack/bolt';

/** A link to a posted message (a retro's card and its thread); null when Slack does not give one. */
export async function messageLink(
  client: webApi.WebClient,
  channel: string,
  ts: string | null,
): Promise<string | null> {
  if (!ts) return null;
  try {
    const { permalink } = await client.chat.getPermalink({ channel, message_ts: ts });
    return permalink ?? null;
  } catch {
    return null;
  }
}
