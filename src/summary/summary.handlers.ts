import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { findLatestRetroInChannel } from '../retro/retro.service.js';
import { presentNotice } from '../slack/present-notice.js';
import {
  EXPORT_NOT_YET,
  EXPORT_WITHOUT_VOTES,
  exportComment,
  exportFilename,
  NOTHING_TO_EXPORT,
} from './present-export.js';
import { presentSummary } from './present-summary.js';
import { composeSummary, exportScope, limitToScope, summaryToMarkdown } from './summary.js';
import { loadSummaryInput } from './summary.service.js';

/**
 * `/retro export`: the summary of the open or latest retro as a Markdown file, or as messages
 * to the requester when a file cannot be uploaded here.
 */
export function exportCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command, client, respond }: CommandArgs) => {
    const retro = await findLatestRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({ response_type: 'ephemeral', ...presentNotice(NOTHING_TO_EXPORT) });
      return;
    }
    const scope = exportScope(retro);
    if (scope === 'nothing_yet') {
      await ack({ response_type: 'ephemeral', ...presentNotice(EXPORT_NOT_YET) });
      return;
    }
    await ack(
      scope === 'without_votes'
        ? { response_type: 'ephemeral', ...presentNotice(EXPORT_WITHOUT_VOTES) }
        : undefined,
    );
    const input = await loadSummaryInput(ctx.db, retro, retro.closedAt ?? ctx.clock.now());
    const summary = composeSummary(limitToScope(input, scope));
    try {
      await client.files.uploadV2({
        channel_id: command.channel_id,
        content: summaryToMarkdown(summary),
        filename: exportFilename(retro.title),
        title: `Retro summary: ${retro.title}`,
        initial_comment: exportComment(retro.title, command.user_id),
      });
    } catch {
      for (const message of presentSummary(summary)) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      }
    }
  };
}
