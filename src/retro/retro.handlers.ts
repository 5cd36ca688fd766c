import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { presentNotice } from '../slack/present-notice.js';
import { loadCardModel } from './card.service.js';
import { presentCard } from './present-card.js';
import { NO_OPEN_RETRO } from './present-retro-notice.js';
import { findOpenRetroInChannel } from './retro.repository.js';

/** `/retro status`: the card's information, just for the person who asked. */
export function statusCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command }: CommandArgs) => {
    const retro = await findOpenRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({ response_type: 'ephemeral', ...presentNotice(NO_OPEN_RETRO) });
      return;
    }
    const card = presentCard(await loadCardModel(ctx.db, retro), { withButtons: false });
    await ack({ response_type: 'ephemeral', ...card });
  };
}
