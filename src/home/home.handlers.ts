import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { listOpenActionsOf } from '../action-items/action-items.service.js';
import type { AppContext } from '../context.js';
import { todayIn } from '../shared/dates.js';
import { timeZoneOf } from '../slack/users.js';
import { listFacilitatedRetros, listRecentRetrosNear } from './home.repository.js';
import { presentHome } from './present-home.js';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Publishes a fresh Home tab every time someone opens it. */
export function homeOpened(ctx: AppContext) {
  return async ({ event, body, client }: HomeOpenedArgs) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id;
    const [actions, facilitating, recent, tz] = await Promise.all([
      listOpenActionsOf(ctx.db, teamId, event.user),
      listFacilitatedRetros(ctx.db, teamId, event.user),
      listRecentRetrosNear(ctx.db, teamId, event.user),
      timeZoneOf(client, event.user),
    ]);
    await client.views.publish({
      user_id: event.user,
      view: presentHome({ actions, facilitating, recent, today: todayIn(tz, ctx.clock.now()) }),
    });
  };
}
