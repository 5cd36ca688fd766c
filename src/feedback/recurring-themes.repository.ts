import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { type EarlierMatch, LOOKBACK_RETROS, RESEMBLANCE_THRESHOLD } from './recurring-themes.js';

/**
 * Whether two texts resemble each other. `%` (pg_trgm's default limit, 0.3, below the threshold) lets the
 * trigram indexes find the candidates; the comparison keeps those at or above the threshold.
 */
export function resembles(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${a} % ${b} and similarity(${a}, ${b}) >= ${RESEMBLANCE_THRESHOLD})`;
}

/**
 * For each item of the retro, the channel's earlier retros (not cancelled, revealed) with an item or a
 * root cause like it. One query; it reads no author, so nothing it returns can tie anyone to anything.
 */
export async function earlierMatches(
  db: DbOrTrx,
  retroId: string,
): Promise<(EarlierMatch & { itemId: string })[]> {
  const current = sql.ref('c.body');
  const result = await sql<{ item_id: string; retro_id: string; title: string; back: number }>`
    with this_retro as (
      select team_id, channel_id, created_at from retros where id = ${retroId}
    ), earlier as (
      select r.id, r.title, row_number() over (order by r.created_at desc, r.id desc)::int as back
      from retros r, this_retro t
      where r.team_id = t.team_id and r.channel_id = t.channel_id and r.id <> ${retroId}
        and r.created_at < t.created_at and r.phase <> 'cancelled' and r.revealed_at is not null
      order by r.created_at desc, r.id desc
      limit ${LOOKBACK_RETROS}
    ), matched as (
      select c.id as item_id, f.retro_id
      from feedback_items c join feedback_items f on ${resembles(sql.ref('f.body'), current)}
      where c.retro_id = ${retroId} and f.retro_id in (select id from earlier)
      union
      select c.id as item_id, w.retro_id
      from feedback_items c join five_whys w on ${resembles(sql.ref('w.root_cause'), current)}
      where c.retro_id = ${retroId} and w.root_cause is not null and w.retro_id in (select id from earlier)
    )
    select m.item_id, e.id as retro_id, e.title, e.back
    from matched m join earlier e on e.id = m.retro_id
  `.execute(db);
  return result.rows.map((r) => ({ itemId: r.item_id, retroId: r.retro_id, title: r.title, back: r.back }));
}
