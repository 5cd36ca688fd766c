import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';

/**
 * Takes the retro card's turn to be re-rendered, at most once per `intervalMs` across every copy of
 * the bot (the database's clock decides). Returns 0 when the turn is ours, else how long until the
 * next turn.
 */
export async function takeCardTurn(
  db: DbOrTrx,
  teamId: string,
  retroId: string,
  intervalMs: number,
): Promise<number> {
  const seconds = intervalMs / 1000;
  const taken = await sql<{ retro_id: string }>`
    insert into card_refreshes (retro_id, team_id, refreshed_at) values (${retroId}, ${teamId}, now())
    on conflict (retro_id) do update set refreshed_at = now()
      where card_refreshes.refreshed_at <= now() - make_interval(secs => ${seconds})
    returning retro_id`.execute(db);
  if (taken.rows.length > 0) return 0;
  const wait = await sql<{ ms: number }>`
    select greatest(0, extract(epoch from (refreshed_at + make_interval(secs => ${seconds}) - now())) * 1000)::float8 as ms
    from card_refreshes where retro_id = ${retroId}`.execute(db);
  return Math.ceil(Number(wait.rows[0]?.ms ?? intervalMs)) || 1;
}
