/** The feedback modal, the list of one's own items with its edit and withdraw buttons, and their blocks. */
export const FEEDBACK_IDS = {
  actions: {
    edit: 'retro_edit_feedback',
    withdraw: 'retro_withdraw_feedback',
  },
  views: {
    feedback: 'retro_feedback',
    myFeedback: 'retro_my_feedback_list',
    edit: 'retro_edit_feedback_item',
  },
  blocks: {
    section: (sectionId: string) => `section_${sectionId}`,
    text: 'feedback_text',
  },
} as const;
