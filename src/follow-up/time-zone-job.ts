import type { webApi } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { toFailure } from '../outbox/outbox-worker.js';
import type { ScheduledJob } from './scheduled-job.js';
import { ownersNeedingTimeZone, saveTimeZone } from './time-zones.repository.js';
import { isTimeZone } from './week.js';

const REFRESH_AFTER_MS = 7 * 24 * 3600_000;
/** users.info is Tier 4 (100+ a minute); a minutely tick stays well inside it. */
const PER_TICK = 40;

/**
 * Keeps owners' time zones (users.info `tz`) fresh, a few per tick, through the outbox's client so a 429
 * here never slows an interactive answer.
 */
export function timeZoneJob(client: webApi.WebClient): ScheduledJob {
  return async (ctx: AppContext, now: Date) => {
    const owners = await ownersNeedingTimeZone(ctx.db, new Date(now.getTime() - REFRESH_AFTER_MS), PER_TICK);
    let fetched = 0;
    for (const owner of owners) {
      try {
        const answer = (await client.users.info({ user: owner.userId })) as { user?: { tz?: string } };
        const tz = answer.user?.tz;
        await saveTimeZone(ctx.db, owner, tz && isTimeZone(tz) ? tz : null, now);
        fetched += 1;
      } catch (error) {
        const failure = toFailure(error);
        if (failure.kind === 'platform') {
          // Gone or unknown: the workspace zone applies, and we do not ask again for a week.
          await saveTimeZone(ctx.db, owner, null, now);
          continue;
        }
        break;
      }
    }
    return fetched;
  };
}
