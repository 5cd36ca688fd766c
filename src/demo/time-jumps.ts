import type { Db } from '../db/database.js';
import { instantAtWallClock, localTime } from '../shared/wall-clock.js';
import { DEMO_CHANNEL, DEMO_TEAM } from './people.js';

export type Jump = 'deadline' | 'monday' | 'week';
export const JUMPS: readonly Jump[] = ['deadline', 'monday', 'week'];

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 24 * 60 * MINUTE_MS;

/**
 * Where a time button moves the demo: just past the open retro's feedback deadline (its voting deadline
 * while it votes), next Monday 09:00 on the acting person's clock, or a week on.
 */
export async function jumpTarget(
  jump: Jump,
  { db, now, zone }: { db: Db; now: Date; zone: string },
): Promise<{ at: Date } | { error: string }> {
  if (jump === 'week') return { at: new Date(now.getTime() + WEEK_MS) };
  if (jump === 'monday') return { at: nextMonday(now, zone) };
  const retro = await db
    .selectFrom('retros')
    .select(['phase', 'deadline_at', 'voting_deadline_at'])
    .where('team_id', '=', DEMO_TEAM.id)
    .where('channel_id', '=', DEMO_CHANNEL.id)
    .where('phase', 'in', ['collecting', 'voting'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!retro) return { error: 'No retro is collecting feedback or voting: start one first.' };
  const deadline = retro.phase === 'collecting' ? retro.deadline_at : retro.voting_deadline_at;
  if (!deadline) {
    return { error: 'This retro’s voting has no deadline: a facilitator ends it from the card’s menu.' };
  }
  // A minute past it: the minutely jobs take what is due by then.
  return { at: new Date(Math.max(deadline.getTime(), now.getTime()) + MINUTE_MS) };
}

/** The next Monday 09:00 in `zone` after `now` (a minute past, so the 09:00 moment is due). */
export function nextMonday(now: Date, zone: string): Date {
  const today = localTime(now, zone);
  const base = Date.UTC(today.year, today.month - 1, today.day);
  for (let days = 0; days <= 7; days++) {
    const day = new Date(base + days * 24 * 60 * MINUTE_MS);
    if (day.getUTCDay() !== 1) continue;
    const at = instantAtWallClock(zone, day.toISOString().slice(0, 10), 9, 1);
    if (at.getTime() > now.getTime()) return at;
  }
  return new Date(now.getTime() + WEEK_MS);
}
