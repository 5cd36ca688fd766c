import { NUDGE_ITEMS_SHOWN, presentWeeklyNudge } from '../action-items/present-weekly-nudge.js';
import type { KnownBlock } from '../slack/block-kit.js';
import type { DueNudge } from './follow-up.js';

export { NUDGE_ITEMS_SHOWN };

/**
 * The weekly DM to an owner: each open item, overdue first, with its four buttons. It looks as the action
 * items feature draws it, so a button pressed in it redraws the same message.
 */
export function presentNudge(nudge: DueNudge): { text: string; blocks: KnownBlock[] } {
  return presentWeeklyNudge({
    today: nudge.today,
    openCount: nudge.openCount,
    overdueCount: nudge.items.filter((i) => i.overdue).length,
    entries: nudge.items.map((item) => ({
      id: item.id,
      title: item.title,
      dueDate: item.dueDate,
      channelId: item.channelId,
      retroTitle: item.retroTitle,
      state: { kind: 'open', skips: null },
    })),
  });
}
