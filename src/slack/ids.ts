/**
 * Every action_id, callback_id and block_id the app sends and listens for. Handlers and presenters
 * both import from here so a renamed id cannot silently break a button.
 */
export const COMMAND = '/retro';

export const ACTIONS = {
  addFeedback: 'retro_add_feedback',
  myFeedback: 'retro_my_feedback',
  editFeedback: 'retro_edit_feedback',
  withdrawFeedback: 'retro_withdraw_feedback',
  startVoting: 'retro_start_voting',
  vote: 'retro_vote',
  startDiscussion: 'retro_start_discussion',
  close: 'retro_close',
  cancel: 'retro_cancel',
  editKpis: 'retro_edit_kpis',
  kindSelect: 'retro_kind_select',
} as const;

export const VIEWS = {
  setup: 'retro_setup',
  feedback: 'retro_feedback',
  myFeedback: 'retro_my_feedback_list',
  editFeedback: 'retro_edit_feedback_item',
  vote: 'retro_vote',
  editKpis: 'retro_edit_kpis',
} as const;

/** Input block ids inside modals: view_submission state and inline errors are keyed by these. */
export const BLOCKS = {
  title: 'title',
  kind: 'kind',
  template: 'template',
  kpis: 'kpis',
  deadline: 'deadline',
  anonymous: 'anonymous',
  voteBudget: 'vote_budget',
  facilitators: 'facilitators',
  section: (sectionId: string) => `section_${sectionId}`,
  feedbackText: 'feedback_text',
  votes: 'votes',
} as const;

/** The value of the one option of the *anonymous* checkboxes (setup and feedback modals). */
export const ANONYMOUS_OPTION = 'anonymous';

/** The single action_id of the element inside each input block. */
export const INPUT = 'value';

/** Buttons on an action item in the weekly nudge (and wherever else an item is listed); value: its id. */
export const ACTION_ITEM_ACTIONS = {
  actionDone: 'action_item_done',
  actionSnooze: 'action_item_snooze',
  actionReassign: 'action_item_reassign',
  actionChangeDue: 'action_item_change_due',
} as const;
