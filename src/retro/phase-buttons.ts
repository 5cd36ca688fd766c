import type { webApi } from '@slack/bolt';
import type { AppContext } from '../context.js';
import type { ActionArgs } from '../slack/handler-types.js';
import { tellUser } from '../slack/tell-user.js';
import { retroForButton } from './lookup.js';
import { isFacilitator, onlyFacilitatorsMessage } from './permissions.js';
import { changePhase } from './phase-flow.js';
import type { Phase } from './phases.js';
import type { Retro } from './retro.js';

const WHAT: Partial<Record<Phase, string>> = {
  voting: 'reveal the feedback and start voting',
  discussing: 'end voting',
  closed: 'close the retro',
  cancelled: 'cancel the retro',
};

/**
 * A facilitator moves the retro on. Everyone else is told, privately, who can. Used by the card's
 * buttons and by `/retro close`.
 */
export async function requestPhaseChange(
  ctx: AppContext,
  client: webApi.WebClient,
  retro: Retro,
  to: Phase,
  who: { userId: string; channelId: string | undefined },
): Promise<void> {
  if (!isFacilitator(retro, who.userId)) {
    await tellUser(client, who, onlyFacilitatorsMessage(retro.title, WHAT[to] ?? 'do that'));
    return;
  }
  const result = await changePhase(ctx, client, retro, to);
  if (!result.ok) await tellUser(client, who, result.reason);
}

/** The card's phase buttons: reveal & vote, end voting, close, cancel. */
export function phaseButtonPressed(ctx: AppContext, to: Phase) {
  return async (args: ActionArgs) => {
    const found = await retroForButton(ctx, args);
    if (found) await requestPhaseChange(ctx, args.client, found.retro, to, found.who);
  };
}
