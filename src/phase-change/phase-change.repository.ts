import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { Phase } from '../retro/phases.js';
import { type Retro, toRetro } from '../retro/retro.js';

/**
 * Moves a retro from one phase to another only if it is still in `from`: of two facilitators
 * pressing the same button (or a double click), exactly one wins.
 */
export async function transitionPhase(
  db: DbOrTrx,
  retroId: string,
  from: Phase,
  to: Phase,
  now: Date,
): Promise<Retro | null> {
  const row = await db
    .updateTable('retros')
    .set({
      phase: to,
      // Voting's own deadline counts from the reveal; none when voting lasts until a facilitator ends it.
      ...(to === 'voting'
        ? {
            revealed_at: now,
            voting_deadline_at: sql<Date | null>`${now}::timestamptz + make_interval(hours => voting_hours)`,
          }
        : {}),
      ...(to === 'discussing' ? { discussing_at: now } : {}),
      ...(to === 'closed' || to === 'cancelled' ? { closed_at: now } : {}),
    })
    .where('id', '=', retroId)
    .where('phase', '=', from)
    .returningAll()
    .executeTakeFirst();
  return row ? toRetro(row) : null;
}

export async function listParticipantIds(db: DbOrTrx, retroId: string): Promise<string[]> {
  const row = await db
    .selectFrom('retro_participation')
    .select('user_ids')
    .where('retro_id', '=', retroId)
    .executeTakeFirst();
  return row?.user_ids ?? [];
}

/**
 * Claims a retro's single reminder (before the deadline, or to close a stale discussion) while it is still
 * in `phase`; of several copies of the bot, exactly one gets true.
 */
export async function claimReminder(
  db: DbOrTrx,
  retroId: string,
  which: 'reminder_sent_at' | 'voting_reminder_sent_at' | 'close_reminder_sent_at',
  phase: Phase,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('retros')
    .set({ [which]: now })
    .where('id', '=', retroId)
    .where(which, 'is', null)
    .where('phase', '=', phase)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
