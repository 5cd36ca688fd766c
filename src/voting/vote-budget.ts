import { plural } from '../shared/text.js';

export type CheckVotesResult = { ok: true; itemIds: string[] } | { ok: false; error: string };

/**
 * Validates one person's full selection from the vote modal. The selection replaces their previous votes,
 * so an empty selection is valid: it clears them.
 */
export function checkVotes(
  selectedItemIds: readonly string[],
  votableItemIds: ReadonlySet<string>,
  budget: number,
): CheckVotesResult {
  const itemIds = [...new Set(selectedItemIds)];
  // Items can be withdrawn or the modal can be stale; say so rather than silently dropping a vote.
  if (itemIds.some((id) => !votableItemIds.has(id))) {
    return { ok: false, error: 'One of the items you picked is no longer in this retro.' };
  }
  if (itemIds.length > budget) {
    const extra = itemIds.length - budget;
    return {
      ok: false,
      error: `You have ${plural(budget, 'vote')}; you picked ${itemIds.length}. Unselect ${extra}.`,
    };
  }
  return { ok: true, itemIds };
}
