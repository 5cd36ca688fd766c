import type { AppContext } from '../context.js';
import { directMessage } from '../outbox/outbox-message.js';
import { selectDueNudges } from './nudges.repository.js';
import { NUDGE_ITEMS_SHOWN, presentNudge } from './present-nudge.js';
import { queueDue } from './queue-due.js';

/**
 * Queues this week's nudge DM for every owner whose moment has come. The job key makes it once per owner
 * per week across every copy of the bot; the outbox sends it. Returns how many were queued here.
 */
export function nudgeJob(ctx: AppContext, now: Date): Promise<number> {
  return queueDue(
    ctx,
    now,
    () => selectDueNudges(ctx.db, now, { owners: 2000, itemsPerOwner: NUDGE_ITEMS_SHOWN }),
    (nudge) => directMessage(nudge.teamId, nudge.ownerId, presentNudge(nudge), { jobKey: nudge.jobKey }),
  );
}
