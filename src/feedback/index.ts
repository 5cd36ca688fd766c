import type { FeatureModule } from '../feature.js';
import { ACTIONS } from '../retro/card.ids.js';
import { createSubmissionGuard } from '../retro/retro.guard.js';
import {
  addFeedbackPressed,
  editFeedbackPressed,
  editFeedbackSubmitted,
  feedbackSubmitted,
  myFeedbackPressed,
  withdrawFeedbackPressed,
} from './feedback.handlers.js';
import { FEEDBACK_IDS } from './feedback.ids.js';
import { createFeedbackWriter } from './feedback.service.js';
import { mixDueRetros } from './mixing.service.js';

/** Feedback items: adding them (anonymously or not), and editing or withdrawing one's own. */
export const feedbackModule: FeatureModule = {
  register(app, ctx) {
    const writer = createFeedbackWriter(ctx.db, () => ctx.clock.now());
    app.action(ACTIONS.addFeedback, addFeedbackPressed(ctx));
    app.view(
      FEEDBACK_IDS.views.feedback,
      feedbackSubmitted(ctx, { writer, cards: ctx.cards, guard: createSubmissionGuard(ctx) }),
    );
    app.action(ACTIONS.myFeedback, myFeedbackPressed(ctx));
    app.action(FEEDBACK_IDS.actions.edit, editFeedbackPressed(ctx));
    app.view(FEEDBACK_IDS.views.edit, editFeedbackSubmitted(ctx));
    app.action(FEEDBACK_IDS.actions.withdraw, withdrawFeedbackPressed(ctx, ctx.cards));
  },
  jobs: () => [{ name: 'feedback mix', run: (ctx, now) => mixDueRetros(ctx.db, now) }],
};
