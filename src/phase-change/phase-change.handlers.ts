import type { webApi } from '@slack/bolt';
import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { FeatureContext } from '../context.js';
import type { Phase } from '../retro/phases.js';
import { NO_OPEN_RETRO, onlyFacilitatorsMessage, RETRO_GONE } from '../retro/present-retro-notice.js';
import {
  checkRetroRule,
  guardRetroButton,
  guardRetroView,
  type Presser,
  sealRetroMetadata,
} from '../retro/retro.guard.js';
import type { Retro } from '../retro/retro.js';
import { findOpenRetroInChannel } from '../retro/retro.service.js';
import { type ActionArgs, actionValue, type ViewArgs } from '../slack/handler-types.js';
import { presentNotice, presentNoticeModal } from '../slack/present-notice.js';
import { tellUser } from '../slack/tell-user.js';
import { changePhase } from './phase-change.service.js';
import {
  FACILITATOR_ACTION,
  presentConfirmModal,
  presentPhaseChangeRefusal,
} from './present-phase-change.js';

const FACILITATORS = { facilitatorsOnly: true } as const;

function onlyFacilitators(retro: Retro, to: Phase): string {
  return onlyFacilitatorsMessage(retro.title, FACILITATOR_ACTION[to] ?? 'do that');
}

/** Moves the retro on, or tells the person privately why not. */
async function moveOn(ctx: FeatureContext, client: webApi.WebClient, retro: Retro, to: Phase, who: Presser) {
  const result = await changePhase(ctx, client, retro, to);
  if (!result.ok) await tellUser(client, who, presentPhaseChangeRefusal(result));
}

/** The card's phase buttons: reveal & vote, end voting, close, cancel (facilitators only). */
export function phaseButtonPressed(ctx: FeatureContext, to: Phase) {
  return async (args: ActionArgs) => {
    const found = await guardRetroButton(ctx, args, FACILITATORS, (retro) => onlyFacilitators(retro, to));
    if (found) await moveOn(ctx, args.client, found.retro, to, found.who);
  };
}

/** *Close* or *Cancel* in the card's facilitator menu: a facilitator is asked first, in a modal. */
export function confirmPhasePressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    const [to, retroId = ''] = actionValue(args).split(':', 2);
    if (to !== 'closed' && to !== 'cancelled') return void (await args.ack());
    const pressed = { ...args, action: { ...args.action, value: retroId } } as ActionArgs;
    const found = await guardRetroButton(ctx, pressed, FACILITATORS, (retro) => onlyFacilitators(retro, to));
    if (!found) return;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: presentConfirmModal(found.retro, to, sealRetroMetadata(ctx, found.retro.id)),
    });
  };
}

/** The facilitator confirmed: the retro closes or is cancelled, as the buttons did. */
export function confirmPhaseSubmitted(ctx: FeatureContext, to: 'closed' | 'cancelled') {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const guarded = await guardRetroView(ctx, { body, view }, FACILITATORS);
    if (!guarded.ok) {
      const text = guarded.refusal === 'gone' ? RETRO_GONE : 'Only its facilitators can do that now.';
      await ack({ response_action: 'update', view: presentNoticeModal('Retro', text) });
      return;
    }
    await ack();
    const { retro } = guarded;
    await moveOn(ctx, client, retro, to, { userId: body.user.id, channelId: retro.channelId });
  };
}

/** `/retro close`: same rules as the card's *Close* button. */
export function closeCommand(ctx: FeatureContext): SubcommandHandler {
  return async ({ ack, command, client }: CommandArgs) => {
    const retro = await findOpenRetroInChannel(ctx.db, command.team_id, command.channel_id);
    if (!retro) {
      await ack({ response_type: 'ephemeral', ...presentNotice(NO_OPEN_RETRO) });
      return;
    }
    await ack();
    const who = { userId: command.user_id, channelId: command.channel_id };
    if (checkRetroRule(retro, who.userId, FACILITATORS)) {
      await tellUser(client, who, onlyFacilitators(retro, 'closed'));
      return;
    }
    await moveOn(ctx, client, retro, 'closed', who);
  };
}
