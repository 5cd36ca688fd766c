import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { listOpenActionsOf } from './action-item.repository.js';
import { presentActionList } from './present-action-list.js';

// With escaping on, Slack sends a mention as <@U123|name>.
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

/** `/retro actions [@user]`: open action items of the caller or of the person mentioned. */
export function actionsCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command }: CommandArgs, rest: string) => {
    const mentioned = MENTION.exec(rest)?.[1];
    if (rest.trim() !== '' && !mentioned) {
      await ack({
        response_type: 'ephemeral',
        text: 'Mention one person to see their open action items, e.g. `/retro actions @maria` — or just `/retro actions` for yours.',
      });
      return;
    }
    const ownerId = mentioned ?? command.user_id;
    const actions = await listOpenActionsOf(ctx.db, command.team_id, ownerId);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    await ack({
      response_type: 'ephemeral',
      ...presentActionList({ ownerId, self: ownerId === command.user_id, today, actions }),
    });
  };
}

/** `/retro settings`: there is nothing to configure until the weekly follow-up runs. */
export function settingsCommand(): SubcommandHandler {
  return async ({ ack }: CommandArgs) => {
    await ack({
      response_type: 'ephemeral',
      text: 'The weekly follow-up of action items (a Monday 09:00 reminder to each owner in their own time zone, and a digest per retro channel) is not switched on in this version yet, so there is nothing to configure here. `/retro actions` lists open action items meanwhile.',
    });
  };
}
