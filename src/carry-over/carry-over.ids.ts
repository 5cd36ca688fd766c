/**
 * The buttons under each of last time's actions in a retro's thread. Their value names the item and the
 * reviewing retro (`reviewValue` in review.ts); each item's buttons sit in a block of their own.
 */
export const CARRY_OVER_IDS = {
  actions: {
    done: 'action_review_done',
    carry: 'action_review_carry',
    drop: 'action_review_drop',
  },
  blocks: {
    /** The prefix of an item's buttons block, followed by the item id. */
    item: 'action_review:',
  },
} as const;
