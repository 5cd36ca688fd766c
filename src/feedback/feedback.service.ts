import type { Db } from '../db/database.js';
import { lockRetroPhase } from '../retro/retro.service.js';
import {
  deleteMyItem,
  insertItems,
  listParticipants,
  type NewItem,
  replaceParticipants,
  updateMyItem,
} from './feedback.repository.js';

/** Other features read a retro's items through here (the reveal, the ballot, the summary). */
export { listItems } from './feedback.repository.js';

export type FeedbackRefusal = { ok: false; reason: 'not_collecting' };

/** The participant list as a whole, in user-id order: row order says nothing about who sent what. */
function participantsWith(existing: readonly string[], userId: string): string[] {
  return [...new Set([...existing, userId])].sort();
}

/**
 * Stores one submission while the retro collects feedback. Anonymity: anonymous items get no
 * author, and the participant list is rewritten as a whole, so neither row order nor the
 * transaction that wrote a participant row lines up with the items of a submission.
 */
export async function submitFeedback(
  db: Db,
  input: { teamId: string; retroId: string; userId: string; anonymous: boolean; items: NewItem[] },
): Promise<{ ok: true; count: number } | FeedbackRefusal> {
  return db.transaction().execute(async (trx) => {
    const phase = await lockRetroPhase(trx, input.teamId, input.retroId);
    if (phase !== 'collecting') return { ok: false, reason: 'not_collecting' } as const;
    await insertItems(trx, {
      teamId: input.teamId,
      retroId: input.retroId,
      authorId: input.anonymous ? null : input.userId,
      items: input.items,
    });
    const everyone = participantsWith(await listParticipants(trx, input.retroId), input.userId);
    await replaceParticipants(trx, input.teamId, input.retroId, everyone);
    return { ok: true, count: input.items.length } as const;
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
    const phase = await lockRetroPhase(trx, input.teamId, input.retroId);
    if (phase !== 'collecting') return { ok: false, reason: 'not_collecting' } as const;
    const { change, ...item } = input;
    const changed =
      change === 'withdraw'
        ? await deleteMyItem(trx, item)
        : await updateMyItem(trx, { ...item, body: change.body });
    return changed ? ({ ok: true } as const) : ({ ok: false, reason: 'not_found' } as const);
  });
}
