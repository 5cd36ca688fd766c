import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { FeatureContext } from '../context.js';
import { timeZoneOf } from '../slack/users.js';
import { channelHistory } from './history.service.js';
import { presentChannelHistory } from './present-history.js';

/**
 * `/retro history`: the channel's retros with their figures, privately. Acknowledged at once; the list
 * follows through the response URL once the cards' links and the reader's zone are known.
 */
export function historyCommand(ctx: FeatureContext): SubcommandHandler {
  return async ({ ack, command, client, respond }: CommandArgs) => {
    await ack();
    const [entries, zone] = await Promise.all([
      channelHistory(ctx.db, client, command.team_id, command.channel_id),
      timeZoneOf(client, command.user_id),
    ]);
    await respond({
      response_type: 'ephemeral',
      ...presentChannelHistory({ channelId: command.channel_id, entries, zone }),
    });
  };
}
