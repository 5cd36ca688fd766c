import type { AppContext } from '../context.js';
import { channelPost } from '../outbox/outbox-message.js';
import { digestSections } from './digest.js';
import { selectDueDigests } from './digest.repository.js';
import { presentDigest } from './present-digest.js';
import { queueDue } from './queue-due.js';

/** Queues each channel's weekly digest once per week (job key), at the workspace's moment in its zone. */
export function digestJob(ctx: AppContext, now: Date): Promise<number> {
  return queueDue(
    ctx,
    now,
    () => selectDueDigests(ctx.db, now, 200),
    (digest) => {
      const week = digestSections(digest.items, digest.today);
      const content = presentDigest(digest.channelId, week, digest.postTo !== digest.channelId);
      return channelPost(digest.teamId, digest.postTo, content, { jobKey: digest.jobKey });
    },
  );
}
