import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { Counts, ShownCounts } from './card-counts.js';

/** What the card last showed of a retro's counts, and when feedback last arrived; null before any. */
export async function findShownCounts(db: DbOrTrx, retroId: string): Promise<ShownCounts | null> {
  const row = await db
    .selectFrom('card_counts')
    .select(['contributors', 'items', 'activity_at'])
    .where('retro_id', '=', retroId)
    .executeTakeFirst();
  return row ? { contributors: row.contributors, items: row.items, activityAt: row.activity_at } : null;
}

/** Feedback arrived for the retro (once per burst, never who sent it). */
export async function noteActivity(
  db: DbOrTrx,
  retro: { id: string; teamId: string },
  at: Date,
): Promise<void> {
  await db
    .insertInto('card_counts')
    .values({ retro_id: retro.id, team_id: retro.teamId, activity_at: at })
    .onConflict((oc) => oc.column('retro_id').doUpdateSet({ activity_at: at }))
    .execute();
}

/** The counts the card now shows, and whether the stored ones are ahead of them. */
export async function keepShownCounts(
  db: DbOrTrx,
  retro: { id: string; teamId: string },
  shown: Counts,
  behind: boolean,
  activityAt: Date,
): Promise<void> {
  const counts = { contributors: shown.contributors, items: shown.items };
  await db
    .insertInto('card_counts')
    .values({ retro_id: retro.id, team_id: retro.teamId, ...counts, behind, activity_at: activityAt })
    .onConflict((oc) => oc.column('retro_id').doUpdateSet({ ...counts, behind }))
    .execute();
}

/** Collecting retros whose card shows less than is stored and whose quiet spell has passed. */
export async function listCardsToCatchUp(
  db: DbOrTrx,
  quietSince: Date,
): Promise<{ id: string; teamId: string; channelId: string }[]> {
  return db
    .selectFrom('card_counts')
    .innerJoin('retros', 'retros.id', 'card_counts.retro_id')
    .select(['retros.id as id', 'retros.team_id as teamId', 'retros.channel_id as channelId'])
    .where('card_counts.behind', '=', true)
    .where('card_counts.activity_at', '<=', quietSince)
    .where('retros.phase', '=', sql.lit('collecting'))
    .limit(500)
    .execute();
}
