/**
 * The buttons on the retro card (and the menu on each revealed item), which other features answer: the
 * card shows them, so they are named here, beside it; each feature registers its own in its index.ts.
 */
export const ACTIONS = {
  /** feedback/ */
  addFeedback: 'retro_add_feedback',
  myFeedback: 'retro_my_feedback',
  /** voting/ */
  vote: 'retro_vote',
  /** phase-change/ */
  startVoting: 'retro_start_voting',
  startDiscussion: 'retro_start_discussion',
  close: 'retro_close',
  cancel: 'retro_cancel',
  /** phase-change/: *Close* or *Cancel* chosen in the facilitator menu, which asks first in a modal. */
  confirmPhase: 'retro_confirm_phase',
  /** The card's *Facilitator* menu: each option stands for one of the buttons here (slack/router.ts). */
  facilitatorMenu: 'retro_facilitator_menu',
  /** kpi/ */
  editKpis: 'retro_edit_kpis',
  /** five-whys/: the card's button, and one per missed KPI in a block (action ids there must differ). */
  fiveWhys: 'five_whys_start',
  fiveWhysOn: (n: number) => `five_whys_start_${n}`,
  fiveWhysPattern: /^five_whys_start(_\d+)?$/,
  /** five-whys/: the overflow on each revealed item; its options' values are `whys/<source>` or `action/<source>`. */
  itemMenu: 'revealed_item_menu',
  /** action-items/: *Add action item* (carries a source reference, src/shared/source-ref.ts). */
  addActionItem: 'action_item_add',
} as const;
