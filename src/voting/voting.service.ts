import type { Db } from '../db/database.js';
import type { RetroSetup } from '../retro/retro-setups.service.js';
import { createGroupCommit } from '../shared/group-commit.js';
import { listItemIds, replaceBallots } from './vote.repository.js';
import { checkVotes } from './vote-budget.js';

/** The summary reads vote totals, and the voting reminder who voted, through here. */
export { listVoterIds, tallyRetroVotes } from './vote.repository.js';

export type CastVotesResult =
  /** `votes`: how many votes the stored ballot holds, for the voter's receipt. */
  | { ok: true; votes: number }
  | { ok: false; reason: 'invalid_ballot'; error: string }
  | { ok: false; reason: 'voting_over' };

type WriteResult = { ok: true } | { ok: false; reason: 'voting_over' };

interface Ballot {
  teamId: string;
  retroId: string;
  voterId: string;
  itemIds: string[];
}

export interface BallotBox {
  /**
   * Replaces a voter's ballot while the retro is voting. The budget and the items are checked here,
   * whatever the client sent.
   */
  cast(
    retro: Pick<RetroSetup, 'id' | 'teamId' | 'voteBudget'>,
    voterId: string,
    selected: readonly string[],
  ): Promise<CastVotesResult>;
}

/** Retros whose items are kept in memory; a ballot is checked against them without a query. */
const KEPT_RETROS = 100;

/**
 * Ballots that reach one retro while an earlier group is being written are written together, in one
 * call of the database function replace_ballots (src/shared/group-commit.ts), so fifty people voting
 * at once do not queue one by one.
 * Ballots of different people run side by side; two of the same person (two tabs, or two copies of
 * the bot) take turns on that person's lock, and within a group the later one wins, so the budget
 * holds for what ends up stored.
 *
 * The items a ballot may pick from are read once per retro: nothing adds or removes items once
 * voting has started (feedback can only change while collecting), and the mix keeps their ids.
 */
export function createBallotBox(db: Db): BallotBox {
  const itemsOf = new Map<string, Promise<ReadonlySet<string>>>();
  const votable = (retroId: string): Promise<ReadonlySet<string>> => {
    const known = itemsOf.get(retroId);
    if (known) return known;
    const loading = listItemIds(db, retroId).then(({ phase, itemIds }) => {
      // Before voting the list can still change: use it, but do not keep it.
      if (phase === 'collecting' || phase === null) itemsOf.delete(retroId);
      return new Set(itemIds);
    });
    itemsOf.set(retroId, loading);
    loading.catch(() => itemsOf.delete(retroId));
    if (itemsOf.size > KEPT_RETROS) itemsOf.delete(itemsOf.keys().next().value as string);
    return loading;
  };
  const group = createGroupCommit<Ballot, WriteResult>((_retroId, ballots) => writeBallots(db, ballots), {
    maxGroup: 200,
  });
  return {
    async cast(retro, voterId, selected) {
      const checked = checkVotes(selected, await votable(retro.id), retro.voteBudget);
      if (!checked.ok) return { ok: false, reason: 'invalid_ballot', error: checked.error };
      const written = await group.submit(retro.id, {
        teamId: retro.teamId,
        retroId: retro.id,
        voterId,
        itemIds: checked.itemIds,
      });
      return written.ok ? { ok: true, votes: checked.itemIds.length } : written;
    },
  };
}

async function writeBallots(db: Db, ballots: readonly Ballot[]): Promise<WriteResult[]> {
  const [first] = ballots;
  if (!first) return [];
  // The later of two ballots of one person in a group is the one that counts.
  const latest = [...new Map(ballots.map((b) => [b.voterId, b])).values()];
  const voting = await replaceBallots(db, { teamId: first.teamId, retroId: first.retroId, ballots: latest });
  return ballots.map(() => (voting ? { ok: true } : { ok: false, reason: 'voting_over' }) as WriteResult);
}
