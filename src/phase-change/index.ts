import type { FeatureModule } from '../feature.js';
import { ACTIONS } from '../slack/ids.js';
import { closeCommand, phaseButtonPressed } from './phase-change.handlers.js';
import { advanceRetrosPastDeadline } from './phase-change.service.js';
import { sendDeadlineReminders } from './reminders.service.js';

/** Moving a retro on: the card's phase buttons, `/retro close`, the deadline reminder and the deadline itself. */
export const phaseChangeModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.startVoting, phaseButtonPressed(ctx, 'voting'));
    app.action(ACTIONS.startDiscussion, phaseButtonPressed(ctx, 'discussing'));
    app.action(ACTIONS.close, phaseButtonPressed(ctx, 'closed'));
    app.action(ACTIONS.cancel, phaseButtonPressed(ctx, 'cancelled'));
  },
  subcommands: (ctx) => ({ close: closeCommand(ctx) }),
  // In this order: a reminder is due before the deadline it reminds of.
  jobs: (ctx) => [
    { name: 'deadline reminders', run: () => sendDeadlineReminders(ctx) },
    { name: 'deadlines', run: () => advanceRetrosPastDeadline(ctx, ctx.clientFor) },
  ],
};
