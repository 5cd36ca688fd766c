import { MAX_ACTION_TEXT } from '../action-items/action-item.js';
import { openActionModal } from '../action-items/index.js';
import { actionSourceText } from '../action-items/present-action-item.js';
import type { FeatureContext } from '../context.js';
import type { ShortcutArgs } from '../slack/handler-types.js';
import { truncate } from '../slack/mrkdwn.js';
import { messageLink } from '../slack/permalink.js';
import { shortcutMessage } from './drafts.handlers.js';
import { actionRetroOf } from './drafts.service.js';
import { presentNoRetroHereModal } from './present-drafts.js';

/**
 * *Make action item* on a message: the action modal, pre-filled with the message's text and linked to
 * it, so the owner's DM says where it came from. The item belongs to the channel's open or latest retro.
 */
export function makeActionItem(ctx: FeatureContext) {
  return async (args: ShortcutArgs) => {
    await args.ack();
    const { client } = args;
    const message = shortcutMessage(args);
    // Side by side: the modal must open within the trigger's 3 s.
    const [target, link] = await Promise.all([
      actionRetroOf(ctx.db, message.teamId, message.channelId),
      messageLink(client, message.channelId, message.ts),
    ]);
    if (target === 'no_retro') {
      await client.views.open({
        trigger_id: message.triggerId,
        view: presentNoRetroHereModal(message.channelId),
      });
      return;
    }
    await openActionModal(ctx, client, message.triggerId, {
      meta: {
        channelId: message.channelId,
        retroId: target.retro?.id ?? null,
        sourceType: 'manual',
        sourceId: null,
        sourceLabel: null,
        sourceLink: link,
      },
      draft: { text: truncate(message.text.trim(), MAX_ACTION_TEXT), ownerId: null, dueDate: null },
      source: link
        ? actionSourceText({
            channelId: message.channelId,
            retro: target.retro,
            sourceType: 'manual',
            sourceLabel: null,
            sourceLink: link,
          })
        : null,
    });
  };
}
