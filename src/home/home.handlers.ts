import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import { publishHome } from './home.service.js';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Publishes a fresh Home tab every time someone opens it. */
export function homeOpened(ctx: FeatureContext) {
  return async ({ event, body }: HomeOpenedArgs) => {
    if (event.tab !== 'home') return;
    await publishHome(ctx, body.team_id, event.user);
  };
}
