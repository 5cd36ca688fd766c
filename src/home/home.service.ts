import { listOpenByOwner } from '../action-items/action-items.service.js';
import type { FeatureContext } from '../context.js';
import { safeError } from '../logger.js';
import { listFacilitatedRetros, listRecentRetrosNear } from '../retro/retro.service.js';
import { nudgeMomentOf } from '../settings/settings.service.js';
import { todayIn } from '../shared/dates.js';
import { timeZoneOf } from '../slack/users.js';
import { presentHomeTab } from './present-home-tab.js';

/** Builds and publishes a person's Home tab as it is now. */
export async function publishHome(ctx: FeatureContext, teamId: string, userId: string): Promise<void> {
  const client = ctx.clientFor(teamId);
  const [open, facilitating, recent, tz, nudgeMoment] = await Promise.all([
    listOpenByOwner(ctx.db, teamId, userId),
    listFacilitatedRetros(ctx.db, teamId, userId),
    listRecentRetrosNear(ctx.db, teamId, userId),
    timeZoneOf(client, userId),
    nudgeMomentOf(ctx.db, teamId, userId),
  ]);
  await client.views.publish({
    user_id: userId,
    view: presentHomeTab({ open, facilitating, recent, today: todayIn(tz, ctx.clock.now()), nudgeMoment }),
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
