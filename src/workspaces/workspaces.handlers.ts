import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import { workspaceRemoved } from './removal.service.js';

type Args<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;

function teamOf(body: { team_id?: string }): string | undefined {
  return typeof body.team_id === 'string' && body.team_id !== '' ? body.team_id : undefined;
}

export function appUninstalled(ctx: FeatureContext) {
  return async ({ body }: Args<'app_uninstalled'>) => {
    const teamId = teamOf(body);
    if (teamId) await workspaceRemoved(ctx, teamId, 'app_uninstalled');
  };
}

/** A revoked user token alone leaves the bot working: only the bot's token going is a removal. */
export function tokensRevoked(ctx: FeatureContext) {
  return async ({ event, body }: Args<'tokens_revoked'>) => {
    const teamId = teamOf(body);
    if (teamId && (event.tokens.bot?.length ?? 0) > 0) await workspaceRemoved(ctx, teamId, 'tokens_revoked');
  };
}
