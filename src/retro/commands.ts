import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { bold } from '../slack/limits.js';
import { presentNotice } from '../slack/present-notice.js';
import { presentSummary } from '../summary/present-summary.js';
import { composeSummary, summaryToMarkdown } from '../summary/summary.js';
import { loadSummaryInput } from '../summary/summary.service.js';
import { loadCardModel } from './card.js';
import { requestPhaseChange } from './phase-buttons.js';
import { presentCard } from './present-card.js';
import { findLatestRetroInChannel, findOpenRetroInChannel } from './retro.repository.js';

const NO_RETRO = 'There is no open retro in this channel. Start one with `/retro start <title>`.';

/** `/retro status`: the card's information, just for the person who asked. */
export function statusCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command }: CommandArgs) => {
    const retro = await findOpenRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({ response_type: 'ephemeral', ...presentNotice(NO_RETRO) });
      return;
    }
    const card = presentCard(await loadCardModel(ctx.db, retro), { withButtons: false });
    await ack({ response_type: 'ephemeral', ...card });
  };
}

/** `/retro close`: same rules as the card's *Close* button. */
export function closeCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command, client }: CommandArgs) => {
    const retro = await findOpenRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({ response_type: 'ephemeral', ...presentNotice(NO_RETRO) });
      return;
    }
    await ack();
    await requestPhaseChange(ctx, client, retro, 'closed', {
      userId: command.user_id,
      channelId: command.channel_id,
    });
  };
}

/**
 * `/retro export`: the summary of the open or latest retro as a Markdown file, or as messages
 * to the requester when a file cannot be uploaded here.
 */
export function exportCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command, client, respond }: CommandArgs) => {
    const retro = await findLatestRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({
        response_type: 'ephemeral',
        ...presentNotice('There is no retro in this channel to export yet.'),
      });
      return;
    }
    await ack();
    const summary = composeSummary(await loadSummaryInput(ctx.db, retro, retro.closedAt ?? ctx.clock.now()));
    const markdown = summaryToMarkdown(summary);
    const filename = `${
      retro.title
        .replace(/[^\w.-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'retro'
    }-summary.md`;
    try {
      await client.files.uploadV2({
        channel_id: command.channel_id,
        content: markdown,
        filename,
        title: `Retro summary: ${retro.title}`,
        initial_comment: `Summary of ${bold(retro.title)}, exported by <@${command.user_id}>.`,
      });
    } catch {
      for (const message of presentSummary(summary)) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      }
    }
  };
}
