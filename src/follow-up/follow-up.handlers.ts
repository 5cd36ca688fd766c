import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import { timeZoneChanged } from './follow-up.service.js';

/** `user_change`: a person moved zone (or changed anything else in their profile, which is ignored). */
export function userChanged(ctx: Pick<FeatureContext, 'db' | 'clock'>) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs) => {
    const user = event.user as { id?: string; team_id?: string; tz?: unknown };
    const teamId = body.team_id ?? user.team_id;
    if (!user.id || !teamId) return;
    await timeZoneChanged(ctx.db, { teamId, userId: user.id }, user.tz, ctx.clock.now());
  };
}
