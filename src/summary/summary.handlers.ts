import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { findLatestRetroInChannel } from '../retro/retro.service.js';
import { messageLink } from '../slack/permalink.js';
import { presentNotice } from '../slack/present-notice.js';
import { displayNames, timeZoneOf } from '../slack/users.js';
import {
  EXPORT_NOT_YET,
  exportComment,
  exportFilename,
  exportPreparing,
  NOTHING_TO_EXPORT,
} from './present-export.js';
import { presentSummary } from './present-summary.js';
import { composeSummary, exportScope, limitToScope, peopleNamedIn, summaryToMarkdown } from './summary.js';
import { loadSummaryInput } from './summary.service.js';

/**
 * `/retro export`: the summary of the open or latest retro as a Markdown file, or as messages
 * to the requester when a file cannot be uploaded here. The command is answered at once; the file,
 * with people's names, the requester's clock and a link to the retro's thread, follows.
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
    await ack({ response_type: 'ephemeral', ...presentNotice(exportPreparing(scope)) });
    const exportedAt = ctx.clock.now();
    const input = await loadSummaryInput(ctx.db, retro, retro.closedAt ?? exportedAt);
    // Every voted item of each section, not only its first three: the file is the retro's record.
    const summary = composeSummary(limitToScope(input, scope), Number.MAX_SAFE_INTEGER);
    const [names, zone, threadUrl] = await Promise.all([
      displayNames(client, peopleNamedIn(summary)),
      timeZoneOf(client, command.user_id),
      messageLink(client, retro.channelId, retro.cardTs),
    ]);
    const content = summaryToMarkdown(
      { ...summary, threadUrl },
      { names: (id) => names.get(id) ?? 'a teammate', exportedAt, zone },
    );
    try {
      await client.files.uploadV2({
        channel_id: command.channel_id,
        content,
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
