import type { FeatureContext } from '../context.js';
import { todayIn } from '../shared/dates.js';
import { type ActionArgs, actionChannel, actionValue, teamOf } from '../slack/handler-types.js';
import { tellUser } from '../slack/tell-user.js';
import { timeZoneOf } from '../slack/users.js';
import { decideReview } from './carry-over.service.js';
import { reviewRefusalText } from './present-action-review.js';
import { type ReviewOutcome, readReviewValue } from './review.js';

/** Re-publishes the App Home of the people named (the owner's list of open items changed). */
export type RefreshHomes = (teamId: string, userIds: readonly string[]) => Promise<void>;

/**
 * *Done*, *Carry over* or *Drop* under one of last time's actions; the message itself is edited by the
 * outbox, and the owner's Home tab shows the item as it now is.
 */
export function reviewPressed(ctx: FeatureContext, refreshHomes: RefreshHomes, outcome: ReviewOutcome) {
  return async (args: ActionArgs) => {
    await args.ack();
    const who = { channelId: actionChannel(args), userId: args.body.user.id };
    const value = readReviewValue(actionValue(args));
    if (!value) return void (await tellUser(args.client, who, reviewRefusalText({ code: 'gone' })));
    const today = todayIn(await timeZoneOf(args.client, who.userId), ctx.clock.now());
    const result = await decideReview(ctx, {
      teamId: teamOf(args.body),
      userId: who.userId,
      ...value,
      outcome,
      today,
    });
    if (!result.ok) return void (await tellUser(args.client, who, reviewRefusalText(result.refusal)));
    await refreshHomes(teamOf(args.body), [result.ownerId]);
  };
}
