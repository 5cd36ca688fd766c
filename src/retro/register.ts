import type { App } from '@slack/bolt';
import { actionsCommand, settingsCommand } from '../actions/commands.js';
import type { SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import {
  addFeedbackPressed,
  editFeedbackPressed,
  editFeedbackSubmitted,
  feedbackSubmitted,
  myFeedbackPressed,
  withdrawFeedbackPressed,
} from '../feedback/handlers.js';
import { ACTIONS, VIEWS } from '../slack/ids.js';
import { votePressed, voteSubmitted } from '../voting/handlers.js';
import { closeCommand, exportCommand, statusCommand } from './commands.js';
import { editKpisPressed, kpiActualsSubmitted } from './kpi-actuals.js';
import { phaseButtonPressed } from './phase-buttons.js';
import { kindChanged, setupSubmitted, startCommand } from './start.js';

export function retroSubcommands(ctx: AppContext): Record<string, SubcommandHandler> {
  return {
    start: startCommand(ctx),
    status: statusCommand(ctx),
    close: closeCommand(ctx),
    export: exportCommand(ctx),
    actions: actionsCommand(ctx),
    settings: settingsCommand(),
  };
}

/** Every button and modal of a retro, from setup to summary. */
export function registerRetro(app: App, ctx: AppContext): void {
  app.action(ACTIONS.kindSelect, kindChanged(ctx));
  app.view(VIEWS.setup, setupSubmitted(ctx));

  app.action(ACTIONS.addFeedback, addFeedbackPressed(ctx));
  app.view(VIEWS.feedback, feedbackSubmitted(ctx));
  app.action(ACTIONS.myFeedback, myFeedbackPressed(ctx));
  app.action(ACTIONS.editFeedback, editFeedbackPressed(ctx));
  app.view(VIEWS.editFeedback, editFeedbackSubmitted(ctx));
  app.action(ACTIONS.withdrawFeedback, withdrawFeedbackPressed(ctx));

  app.action(ACTIONS.vote, votePressed(ctx));
  app.view(VIEWS.vote, voteSubmitted(ctx));

  app.action(ACTIONS.startVoting, phaseButtonPressed(ctx, 'voting'));
  app.action(ACTIONS.startDiscussion, phaseButtonPressed(ctx, 'discussing'));
  app.action(ACTIONS.close, phaseButtonPressed(ctx, 'closed'));
  app.action(ACTIONS.cancel, phaseButtonPressed(ctx, 'cancelled'));

  app.action(ACTIONS.editKpis, editKpisPressed(ctx));
  app.view(VIEWS.editKpis, kpiActualsSubmitted(ctx));
}
