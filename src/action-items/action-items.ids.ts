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
    /** The KPI the item is meant to move (its series in the channel). */
    kpi: 'action_item_kpi',
    /**
     * Marks a weekly nudge's heading, and each item's line there (the prefix and the item id), so a button
     * pressed in a nudge redraws that nudge with the items it showed.
     */
    nudge: 'weekly_nudge',
    nudgeItem: 'weekly_nudge_item:',
    /** The heading of an owner's DM, with the id of whoever handed the item over (the prefix and the id). */
    dmFrom: 'action_dm_from:',
    /**
     * An item's buttons in a `/retro actions` list, with whose list it is and the item id (the prefix, the
     * scope, the id): Slack sends no blocks of an ephemeral message, only the pressed button's block id.
     */
    list: 'action_list:',
  },
} as const;
