/** The message shortcuts (callback ids also in manifest.yml), the saved-message DM's buttons, and the modals. */
export const DRAFT_IDS = {
  shortcuts: {
    addToNextRetro: 'retro_add_to_next',
    makeActionItem: 'retro_make_action_item',
  },
  actions: {
    /** Value: the draft's id. */
    submit: 'retro_draft_submit',
    discard: 'retro_draft_discard',
  },
  views: {
    /** The feedback modal opened from a saved message: submitting it stores the items and deletes the draft. */
    feedback: 'retro_draft_feedback',
  },
} as const;
