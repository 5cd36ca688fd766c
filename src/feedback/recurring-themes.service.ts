import type { DbOrTrx } from '../db/database.js';
import { type EarlierMatch, type Recurrence, recurrenceOf } from './recurring-themes.js';
import { earlierMatches } from './recurring-themes.repository.js';

export type { Recurrence } from './recurring-themes.js';

/** The retro's items that came up in the channel's earlier retros: item id → where and how often. */
export async function recurringThemes(db: DbOrTrx, retroId: string): Promise<Map<string, Recurrence>> {
  const byItem = new Map<string, EarlierMatch[]>();
  for (const { itemId, ...match } of await earlierMatches(db, retroId)) {
    byItem.set(itemId, [...(byItem.get(itemId) ?? []), match]);
  }
  const recurring = new Map<string, Recurrence>();
  for (const [itemId, matches] of byItem) {
    const recurrence = recurrenceOf(matches);
    if (recurrence) recurring.set(itemId, recurrence);
  }
  return recurring;
}
