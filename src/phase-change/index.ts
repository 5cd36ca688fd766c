import type { FeatureModule } from '../feature.js';
import { ACTIONS } from '../retro/card.ids.js';
import {
  closeCommand,
  confirmPhasePressed,
  confirmPhaseSubmitted,
  phaseButtonPressed,
} from './phase-change.handlers.js';
import { PHASE_CHANGE_IDS } from './phase-change.ids.js';
import { advanceRetrosPastDeadline, endVotingPastDeadline } from './phase-change.service.js';
import { sendCloseReminders, sendDeadlineReminders, sendVotingReminders } from './reminders.service.js';

/** Moving a retro on: the card's phase buttons, `/retro close`, the reminders before the feedback and the
 * voting deadlines, the deadlines themselves and the reminder to close a retro left in discussion. */
export const phaseChangeModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.startVoting, phaseButtonPressed(ctx, 'voting'));
    app.action(ACTIONS.startDiscussion, phaseButtonPressed(ctx, 'discussing'));
    app.action(ACTIONS.close, phaseButtonPressed(ctx, 'closed'));
    app.action(ACTIONS.cancel, phaseButtonPressed(ctx, 'cancelled'));
    app.action(ACTIONS.confirmPhase, confirmPhasePressed(ctx));
    app.view(PHASE_CHANGE_IDS.confirm.closed, confirmPhaseSubmitted(ctx, 'closed'));
    app.view(PHASE_CHANGE_IDS.confirm.cancelled, confirmPhaseSubmitted(ctx, 'cancelled'));
  },
  subcommands: (ctx) => ({ close: closeCommand(ctx) }),
  // In this order: a reminder is due before the deadline it reminds of.
  jobs: () => [
    { name: 'deadline reminders', run: sendDeadlineReminders },
    { name: 'deadlines', run: advanceRetrosPastDeadline },
    { name: 'voting reminders', run: sendVotingReminders },
    { name: 'voting deadlines', run: endVotingPastDeadline },
    { name: 'close reminders', run: sendCloseReminders },
  ],
};
