import type { FeatureModule } from '../feature.js';
import { ACTIONS, VIEWS } from '../slack/ids.js';
import {
  addFeedbackPressed,
  editFeedbackPressed,
  editFeedbackSubmitted,
  feedbackSubmitted,
  myFeedbackPressed,
  withdrawFeedbackPressed,
} from './feedback.handlers.js';

/** Feedback items: adding them (anonymously or not), and editing or withdrawing one's own. */
export const feedbackModule: FeatureModule = {
  register(app, ctx) {
    app.action(ACTIONS.addFeedback, addFeedbackPressed(ctx));
    app.view(VIEWS.feedback, feedbackSubmitted(ctx));
    app.action(ACTIONS.myFeedback, myFeedbackPressed(ctx));
    app.action(ACTIONS.editFeedback, editFeedbackPressed(ctx));
    app.view(VIEWS.editFeedback, editFeedbackSubmitted(ctx));
    app.action(ACTIONS.withdrawFeedback, withdrawFeedbackPressed(ctx));
  },
};
