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

/**
 * Five Whys: the buttons that open and edit a chain, its modal and the modal's input blocks. `start`
 * carries a source reference (src/shared/source-ref.ts); `edit` and `toActionItem` carry the chain id.
 */
export const FIVE_WHYS_IDS = {
  actions: {
    start: 'five_whys_start',
    /** `start` on one of several missed KPIs in one block, where action ids must differ. */
    startOn: (n: number) => `five_whys_start_${n}`,
    startPattern: /^five_whys_start(_\d+)?$/,
    edit: 'five_whys_edit',
    toActionItem: 'five_whys_to_action_item',
    /** The overflow on each revealed item: its options' values are `whys/<source>` or `action/<source>`. */
    itemMenu: 'revealed_item_menu',
  },
  view: 'five_whys_modal',
  blocks: {
    problem: 'five_whys_problem',
    why: (n: number) => `five_whys_why_${n}`,
    rootCause: 'five_whys_root_cause',
  },
} as const;

/**
 * Action items: `add` carries a source reference (src/shared/source-ref.ts); the four buttons on an item
 * carry its id. Then the modals and their input blocks.
 */
export const ACTION_ITEM_IDS = {
  actions: {
    add: 'action_item_add',
    done: 'action_item_done',
    snooze: 'action_item_snooze',
    reassign: 'action_item_reassign',
    redate: 'action_item_redate',
  },
  views: {
    create: 'action_item_create_modal',
    reassign: 'action_item_reassign_modal',
    redate: 'action_item_redate_modal',
  },
  blocks: {
    text: 'action_item_text',
    owner: 'action_item_owner',
    due: 'action_item_due',
  },
} as const;

/** `/retro settings`: its modal and the modal's input blocks (workspace-wide first, then personal). */
export const SETTINGS_IDS = {
  view: 'retro_settings',
  blocks: {
    weekday: 'settings_weekday',
    hour: 'settings_hour',
    timeZone: 'settings_time_zone',
    digest: 'settings_digest',
    digestChannel: 'settings_digest_channel',
    optOut: 'settings_opt_out',
  },
} as const;
