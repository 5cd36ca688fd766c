import { ACTIONS } from '../retro/card.ids.js';

/**
 * Five Whys: the buttons that open and edit a chain (those the card and the reveal show are named beside
 * the card), its modal and the modal's input blocks. `start` carries a source reference
 * (src/shared/source-ref.ts); `edit` and `toActionItem` carry the chain id.
 */
export const FIVE_WHYS_IDS = {
  actions: {
    start: ACTIONS.fiveWhys,
    startOn: ACTIONS.fiveWhysOn,
    startPattern: ACTIONS.fiveWhysPattern,
    edit: 'five_whys_edit',
    toActionItem: 'five_whys_to_action_item',
    itemMenu: ACTIONS.itemMenu,
  },
  view: 'five_whys_modal',
  blocks: {
    problem: 'five_whys_problem',
    why: (n: number) => `five_whys_why_${n}`,
    rootCause: 'five_whys_root_cause',
  },
} as const;
