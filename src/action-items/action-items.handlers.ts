import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { todayIn } from '../shared/dates.js';
import { timeZoneOf } from '../slack/users.js';
import { listOpenActionsOf } from './action-item.repository.js';
import { ACTIONS_USAGE, presentActionList } from './present-action-list.js';

// With escaping on, Slack sends a mention as <@U123|name>.
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

/** `/retro actions [@user]`: open action items of the caller or of the person mentioned. */
export function actionsCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command, client }: CommandArgs, rest: string) => {
    const mentioned = MENTION.exec(rest)?.[1];
    if (rest.trim() !== '' && !mentioned) {
      await ack({ response_type: 'ephemeral', text: ACTIONS_USAGE });
      return;
    }
    const ownerId = mentioned ?? command.user_id;
    // Overdue is judged by the day it is for the person reading the list.
    const [actions, tz] = await Promise.all([
      listOpenActionsOf(ctx.db, command.team_id, ownerId),
      timeZoneOf(client, command.user_id),
    ]);
    await ack({
      response_type: 'ephemeral',
      ...presentActionList({
        ownerId,
        self: ownerId === command.user_id,
        today: todayIn(tz, ctx.clock.now()),
        actions,
      }),
    });
  };
}
