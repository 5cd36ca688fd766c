import type { Db } from '../db/database.js';
import { listItems } from '../feedback/feedback.service.js';
import type { Retro } from '../retro/retro.js';
import { lockRetroPhase } from '../retro/retro.service.js';
import { lockBallot, replaceVotes } from './vote.repository.js';
import { checkVotes } from './vote-budget.js';

/** The summary reads vote totals through here. */
export { tallyRetroVotes } from './vote.repository.js';

export type CastVotesResult =
  | { ok: true }
  | { ok: false; reason: 'invalid_ballot'; error: string }
  | { ok: false; reason: 'voting_over' };

/**
 * Replaces a voter's ballot while the retro is voting. The budget and the items are checked here,
 * whatever the client sent.
 */
export async function castVotes(
  db: Db,
  retro: Pick<Retro, 'id' | 'teamId' | 'voteBudget'>,
  voterId: string,
  selected: readonly string[],
): Promise<CastVotesResult> {
  const items = await listItems(db, retro.id);
  const checked = checkVotes(selected, new Set(items.map((i) => i.id)), retro.voteBudget);
  if (!checked.ok) return { ok: false, reason: 'invalid_ballot', error: checked.error };
  return db.transaction().execute(async (trx) => {
    // Ballots of different people run side by side; two of the same person (two tabs) take turns,
    // so the budget holds for what ends up stored.
    const phase = await lockRetroPhase(trx, retro.teamId, retro.id, 'share');
    if (phase !== 'voting') return { ok: false, reason: 'voting_over' } as const;
    await lockBallot(trx, retro.id, voterId);
    await replaceVotes(trx, { teamId: retro.teamId, retroId: retro.id, voterId, itemIds: checked.itemIds });
    return { ok: true } as const;
  });
}
