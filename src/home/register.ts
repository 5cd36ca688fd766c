import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { listOpenActionsOf } from '../actions/action-item.repository.js';
import type { AppContext } from '../context.js';
import { listFacilitatedRetros, listRecentRetrosNear } from './home.repository.js';
import { presentHome } from './present-home.js';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Publishes a fresh Home tab every time someone opens it. */
export function homeOpened(ctx: AppContext) {
  return async ({ event, body, client }: HomeOpenedArgs) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id;
    const [actions, facilitating, recent] = await Promise.all([
      listOpenActionsOf(ctx.db, teamId, event.user),
      listFacilitatedRetros(ctx.db, teamId, event.user),
      listRecentRetrosNear(ctx.db, teamId, event.user),
    ]);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    await client.views.publish({
      user_id: event.user,
      view: presentHome({ actions, facilitating, recent, today }),
    });
  };
}

export function register(app: App, ctx: AppContext): void {
  app.event('app_home_opened', homeOpened(ctx));
}
