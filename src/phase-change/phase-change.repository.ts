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
      ...(to === 'voting' ? { revealed_at: now } : {}),
      ...(to === 'discussing' ? { discussing_at: now } : {}),
      ...(to === 'closed' || to === 'cancelled' ? { closed_at: now } : {}),
    })
    .where('id', '=', retroId)
    .where('phase', '=', from)
    .returningAll()
    .executeTakeFirst();
  return row ? toRetro(row) : null;
}

/** Collecting retros whose deadline has passed, for the automatic move to voting. */
export async function listRetrosPastDeadline(db: DbOrTrx, now: Date): Promise<Retro[]> {
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('phase', '=', 'collecting')
    .where('deadline_at', '<=', now)
    .execute();
  return rows.map(toRetro);
}

export async function listParticipantIds(db: DbOrTrx, retroId: string): Promise<string[]> {
  const row = await db
    .selectFrom('retro_participation')
    .select('user_ids')
    .where('retro_id', '=', retroId)
    .executeTakeFirst();
  return row?.user_ids ?? [];
}

/** Collecting retros that may need their one reminder (the caller decides which are due). */
export async function listRetrosAwaitingReminder(db: DbOrTrx, now: Date): Promise<Retro[]> {
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('phase', '=', 'collecting')
    .where('reminder_sent_at', 'is', null)
    .where('deadline_at', '>', now)
    .execute();
  return rows.map(toRetro);
}

/** Retros in discussion since before `since` whose facilitators have not been reminded to close them. */
export async function listStaleDiscussions(db: DbOrTrx, since: Date): Promise<Retro[]> {
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('phase', '=', 'discussing')
    .where('discussing_at', '<=', since)
    .where('close_reminder_sent_at', 'is', null)
    .limit(200)
    .execute();
  return rows.map(toRetro);
}

/**
 * Claims a retro's single reminder (before the deadline, or to close a stale discussion) while it is still
 * in `phase`; of several copies of the bot, exactly one gets true.
 */
export async function claimReminder(
  db: DbOrTrx,
  retroId: string,
  which: 'reminder_sent_at' | 'close_reminder_sent_at',
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
