import type { FeatureModule } from '../feature.js';
import {
  addToNextRetro,
  discardDraftPressed,
  draftFeedbackSubmitted,
  submitDraftPressed,
} from './drafts.handlers.js';
import { DRAFT_IDS } from './drafts.ids.js';
import { registerDraftsDm } from './drafts.service.js';
import { makeActionItem } from './make-action-item.handlers.js';

/**
 * The message shortcuts: *Add to next retro* (a message saved privately for the channel's next retro,
 * offered to its saver by DM when feedback opens, stored only when they submit it) and *Make action item*.
 */
export const draftsModule: FeatureModule = {
  register(app, ctx) {
    registerDraftsDm(ctx);
    app.shortcut(DRAFT_IDS.shortcuts.addToNextRetro, addToNextRetro(ctx));
    app.shortcut(DRAFT_IDS.shortcuts.makeActionItem, makeActionItem(ctx));
    app.action(DRAFT_IDS.actions.submit, submitDraftPressed(ctx));
    app.action(DRAFT_IDS.actions.discard, discardDraftPressed(ctx));
    app.view(DRAFT_IDS.views.feedback, draftFeedbackSubmitted(ctx));
  },
};

/** Run when a retro opens (app.ts lists it): each saver of drafts for its channel gets one DM. */
export { offerDrafts } from './drafts.service.js';
