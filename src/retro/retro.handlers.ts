import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { presentNotice } from '../slack/present-notice.js';
import { loadCardModel } from './card.service.js';
import { presentCard } from './present-card.js';
import { NO_OPEN_RETRO } from './present-retro-notice.js';
import { presentClosedStatus } from './present-status.js';
import { findLatestRetroInChannel } from './retro.repository.js';
import { retroActionProgress } from './status.repository.js';

/**
 * `/retro status`: the card's information, just for the person who asked. With no open retro, the last
 * one closed in the channel, with how its action items are going: after a close, that is what people ask.
 */
export function statusCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command }: CommandArgs) => {
    // The open retro if there is one, else the latest that was not cancelled.
    const retro = await findLatestRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({ response_type: 'ephemeral', ...presentNotice(NO_OPEN_RETRO) });
      return;
    }
    if (retro.phase !== 'closed') {
      const card = presentCard(await loadCardModel(ctx.db, retro, ctx.clock.now()), { withButtons: false });
      await ack({ response_type: 'ephemeral', ...card });
      return;
    }
    const [model, progress] = await Promise.all([
      loadCardModel(ctx.db, retro, ctx.clock.now()),
      retroActionProgress(ctx.db, retro.id),
    ]);
    // Its own items are shown below; the retro before it is not what was asked about.
    const card = presentCard({ ...model, previousActions: null }, { withButtons: false });
    await ack({ response_type: 'ephemeral', ...presentClosedStatus(retro, card, progress) });
  };
}
