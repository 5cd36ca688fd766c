import type { Db, DbOrTrx } from '../db/database.js';
import { ACCEPTS_FEEDBACK } from '../retro/phases.js';
import { lockRetroPhase } from '../retro/retro.service.js';
import { createGroupCommit } from '../shared/group-commit.js';
import { shuffle } from '../shared/shuffle.js';
import { deleteMyItem, type NewItem, storeSubmissions, updateMyItem } from './feedback.repository.js';

/** Other features read a retro's items through here (the ballot, the summary). */
export { listItems } from './feedback.repository.js';

export type FeedbackRefusal = { ok: false; reason: 'not_collecting' };

/**
 * One submission of the feedback modal. `viewId` is Slack's id of the submitted view: the same
 * submission delivered twice (a retry, a double click) carries the same one.
 */
export interface Submission {
  teamId: string;
  retroId: string;
  userId: string;
  viewId: string;
  anonymous: boolean;
  items: NewItem[];
  /** False once the person was told nothing was saved (Slack's 3 s ran out): then nothing may be. */
  stillOpen: () => boolean;
}

export type SubmitOutcome =
  | { ok: true; count: number; duplicate: boolean }
  | FeedbackRefusal
  | { ok: false; reason: 'answered_already' };

export interface FeedbackWriter {
  submit(submission: Submission): Promise<SubmitOutcome>;
}

/** A day: far longer than Slack goes on retrying a delivery. */
const CLAIM_TTL_MS = 24 * 3600_000;

/**
 * Stores submissions, grouping those that reach one retro while an earlier group is being written
 * into one call of a database function, so one transaction (src/shared/group-commit.ts): under a
 * burst, submissions do not queue on a lock one by one and a group costs one round trip to the
 * database. The one thing that grows with the number of participants is the participation row: it
 * is rewritten once per group, and only when the group brings someone new (at 1,200 people that
 * costs the database 1–2 ms per group).
 *
 * Why a reader of every table cannot tell whose anonymous items are whose:
 * - An anonymous item has no author, a random id and no timestamp.
 * - The items of a group are inserted in random order, so within a group physical order (ctid)
 *   follows no one. The items of one group share an xmin; so do the other writes of that
 *   transaction, and none of them names a person: participation is one row per retro holding the
 *   sorted list of everyone, rewritten whole (its xmin names the last group, not who was added),
 *   and the submission claim holds Slack's view id only.
 * - Within about a minute the mix (mixing.service.ts) writes all of the retro's items again in one
 *   transaction, in random order, and VACUUMs the tables involved: afterwards every item of the
 *   retro has the same xmin, ctid order is random, and the dead versions that kept the old order and
 *   the old participation lists are gone. What remains visible before the mix, and to whoever keeps
 *   WAL archives or backups, is written down in the README's privacy section.
 */
export function createFeedbackWriter(db: Db, now: () => Date): FeedbackWriter {
  const group = createGroupCommit<Submission, SubmitOutcome>(
    (_retroId, submissions) => writeGroup(db, submissions, now()),
    {
      maxGroup: 200,
    },
  );
  return { submit: (submission) => group.submit(submission.retroId, submission) };
}

async function writeGroup(db: Db, submissions: readonly Submission[], now: Date): Promise<SubmitOutcome[]> {
  // Whoever was told "not saved" meanwhile (Slack's 3 s ran out) is left out: nothing of theirs may
  // be stored now. The rest is one function call, so it commits whole or not at all.
  const open = submissions.filter((s) => s.stillOpen());
  const [first] = open;
  if (!first) return submissions.map(() => ({ ok: false, reason: 'answered_already' }) as const);
  // A view delivered twice within one group is stored once: its first copy takes the claim.
  const firsts = open.filter((s, i) => open.findIndex((o) => o.viewId === s.viewId) === i);
  const claimed = await storeAll(db, first, firsts, now);
  return submissions.map((s): SubmitOutcome => {
    if (!open.includes(s)) return { ok: false, reason: 'answered_already' };
    if (!claimed) return { ok: false, reason: 'not_collecting' };
    return { ok: true, count: s.items.length, duplicate: !(firsts.includes(s) && claimed.has(s.viewId)) };
  });
}

/**
 * One submission stored in the caller's transaction, by the same function, claims and shuffle as the
 * writer's groups, for a caller whose own write must commit with it or not at all (a saved message: its
 * draft is deleted with it, so a second submit stores nothing). Null when the retro does not take feedback.
 */
export async function submitInTransaction(
  trx: DbOrTrx,
  submission: Omit<Submission, 'stillOpen'>,
  now: Date,
): Promise<{ duplicate: boolean } | null> {
  const claimed = await storeAll(trx, submission, [submission], now);
  return claimed ? { duplicate: !claimed.has(submission.viewId) } : null;
}

/**
 * The one place items become rows: an anonymous submission's items get no author, and all of them go in
 * in random order, by one call of `store_submissions` (null: the retro does not take feedback).
 */
function storeAll(
  db: DbOrTrx,
  retro: Pick<Submission, 'teamId' | 'retroId'>,
  submissions: readonly Omit<Submission, 'stillOpen'>[],
  now: Date,
) {
  const items = submissions.flatMap((s) =>
    s.items.map((item) => ({ ...item, viewId: s.viewId, authorId: s.anonymous ? null : s.userId })),
  );
  return storeSubmissions(db, {
    teamId: retro.teamId,
    retroId: retro.retroId,
    expiresAt: new Date(now.getTime() + CLAIM_TTL_MS),
    submissions,
    items: shuffle(items),
  });
}

/**
 * Edits or withdraws an item, only by its author and only while the retro collects feedback. A
 * withdrawn item is deleted: its author asked for it to be gone, so nothing keeps its text.
 */
export async function changeMyItem(
  db: Db,
  input: {
    teamId: string;
    retroId: string;
    itemId: string;
    userId: string;
    change: { body: string } | 'withdraw';
  },
): Promise<{ ok: true } | FeedbackRefusal | { ok: false; reason: 'not_found' }> {
  return db.transaction().execute(async (trx) => {
    const phase = await lockRetroPhase(trx, input.teamId, input.retroId, 'share');
    if (phase !== ACCEPTS_FEEDBACK) return { ok: false, reason: 'not_collecting' } as const;
    const { change, ...item } = input;
    const changed =
      change === 'withdraw'
        ? await deleteMyItem(trx, item)
        : await updateMyItem(trx, { ...item, body: change.body });
    return changed ? ({ ok: true } as const) : ({ ok: false, reason: 'not_found' } as const);
  });
}
