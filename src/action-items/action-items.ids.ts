import { ACTIONS } from '../retro/card.ids.js';

/**
 * Action items: `add` carries a source reference (src/shared/source-ref.ts); the four buttons on an item
 * carry its id. Then the modals and their input blocks.
 */
export const ACTION_ITEM_IDS = {
  actions: {
    add: ACTIONS.addActionItem,
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
