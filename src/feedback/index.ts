import type { FeatureModule } from '../feature.js';
import { createSubmissionGuard } from '../retro/retro.guard.js';
import { ACTIONS, VIEWS } from '../slack/ids.js';
import {
  addFeedbackPressed,
  editFeedbackPressed,
  editFeedbackSubmitted,
  feedbackSubmitted,
  myFeedbackPressed,
  withdrawFeedbackPressed,
} from './feedback.handlers.js';
import { createFeedbackWriter } from './feedback.service.js';
import { mixDueRetros } from './mixing.service.js';

/** Feedback items: adding them (anonymously or not), and editing or withdrawing one's own. */
export const feedbackModule: FeatureModule = {
  register(app, ctx) {
    const writer = createFeedbackWriter(ctx.db, () => ctx.clock.now());
    app.action(ACTIONS.addFeedback, addFeedbackPressed(ctx));
    app.view(
      VIEWS.feedback,
      feedbackSubmitted(ctx, { writer, cards: ctx.cards, guard: createSubmissionGuard(ctx) }),
    );
    app.action(ACTIONS.myFeedback, myFeedbackPressed(ctx));
    app.action(ACTIONS.editFeedback, editFeedbackPressed(ctx));
    app.view(VIEWS.editFeedback, editFeedbackSubmitted(ctx));
    app.action(ACTIONS.withdrawFeedback, withdrawFeedbackPressed(ctx, ctx.cards));
  },
  jobs: () => [{ name: 'feedback mix', run: (ctx, now) => mixDueRetros(ctx.db, now) }],
};
