import { listOpenByOwner } from '../action-items/action-items.service.js';
import type { FeatureContext } from '../context.js';
import { keepTimeZone, keptTimeZone } from '../follow-up/follow-up.service.js';
import { historyOf } from '../history/index.js';
import { safeError } from '../logger.js';
import { listFacilitatedRetros, listRecentRetrosNear } from '../retro/retro.service.js';
import { listSchedulesNear } from '../schedules/schedules.service.js';
import { nudgeMomentOf } from '../settings/settings.service.js';
import { todayIn } from '../shared/dates.js';
import { timeZoneOf } from '../slack/users.js';
import { presentHomeTab } from './present-home-tab.js';

/** Recent retros shown beside the ones the person facilitates. */
const RECENT_SHOWN = 10;
/** Finished retros of the person's channels in the History section. */
const HISTORY_SHOWN = 5;

/**
 * The reader's zone: the one the follow-up keeps, else (never fetched, or over a week old) Slack's answer,
 * kept for the nudges too, so even a first Home tab speaks the reader's time. Undefined when nobody knows.
 */
async function readerZone(ctx: FeatureContext, teamId: string, userId: string): Promise<string | undefined> {
  const now = ctx.clock.now();
  const user = { teamId, userId };
  const kept = await keptTimeZone(ctx.db, user, now);
  if (kept && !kept.stale) return kept.tz ?? undefined;
  const told = await timeZoneOf(ctx.clientFor(teamId), userId);
  if (told && (await keepTimeZone(ctx.db, user, told, now))) return told;
  return kept?.tz ?? undefined;
}

/** Builds and publishes a person's Home tab as it is now. */
export async function publishHome(ctx: FeatureContext, teamId: string, userId: string): Promise<void> {
  const [open, facilitating, recent, tz] = await Promise.all([
    listOpenByOwner(ctx.db, teamId, userId),
    listFacilitatedRetros(ctx.db, teamId, userId),
    listRecentRetrosNear(ctx.db, teamId, userId, RECENT_SHOWN + 20),
    readerZone(ctx, teamId, userId),
  ]);
  // Read after the zone is kept, so it names the reader's zone from the first publish.
  const nudgeMoment = await nudgeMomentOf(ctx.db, teamId, userId);
  // The schedules the person runs, and those of the channels where they took part in a retro.
  const scheduled = await listSchedulesNear(ctx.db, teamId, userId);
  // A retro the person facilitates is listed there only.
  const facilitated = new Set(facilitating.map((r) => r.id));
  const finished = recent.filter((r) => r.phase === 'closed').slice(0, HISTORY_SHOWN);
  const history = await historyOf(ctx.db, ctx.clientFor(teamId), finished);
  await ctx.clientFor(teamId).views.publish({
    user_id: userId,
    view: presentHomeTab({
      open,
      facilitating,
      recent: recent.filter((r) => !facilitated.has(r.id)).slice(0, RECENT_SHOWN),
      today: todayIn(tz, ctx.clock.now()),
      nudgeMoment,
      scheduled,
      history: { entries: history, zone: tz },
    }),
  });
}

/**
 * After an item changed: the Home tabs of the people concerned. A tab that fails to publish is only
 * stale until its owner opens it again, so the failure is logged, not raised.
 */
export function homeRefresher(ctx: FeatureContext) {
  return async (teamId: string, userIds: readonly string[]): Promise<void> => {
    await Promise.all(
      userIds.map((userId) =>
        publishHome(ctx, teamId, userId).catch((error) =>
          ctx.logger.warn({ err: safeError(error) }, 'could not re-publish a Home tab'),
        ),
      ),
    );
  };
}
