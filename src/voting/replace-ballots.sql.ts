import { ACCEPTS_BALLOTS } from '../retro/phases.js';

/**
 * The database function `replace_ballots`, applied on every start (src/db/functions.ts), after the
 * migrations; `replaceBallots` in vote.repository.ts calls it.
 *
 * Why a function: ballots that arrive together are written by one call of it, one round trip instead
 * of four (begin, locks, write, commit). Each statement of a volatile PL/pgSQL function reads with a
 * snapshot of its own, so the votes it replaces are read after the voters' locks are held: two
 * ballots of one person, from two copies of the bot, still take turns, and the budget holds for what
 * ends up stored. Voters are given sorted, so two calls take their locks in the same order. Returns
 * false, writing nothing, when the retro does not take ballots.
 *
 * The phase that takes ballots is written in from retro/phases.ts, where the retro guard reads it
 * too. The signature and return type must stay as they are: `create or replace` cannot change them.
 */
export const REPLACE_BALLOTS_SQL = `
create or replace function replace_ballots(
  p_team_id text,
  p_retro_id uuid,
  p_voter_ids text[],
  p_pick_voter_ids text[],
  p_pick_item_ids uuid[]
) returns boolean
language plpgsql volatile
as $$
declare
  v_phase text;
begin
  select phase into v_phase from retros where team_id = p_team_id and id = p_retro_id for share;
  if v_phase is distinct from '${ACCEPTS_BALLOTS}' then
    return false;
  end if;
  perform pg_advisory_xact_lock(hashtextextended(p_retro_id::text || ':' || v, 0))
  from unnest(p_voter_ids) as v;
  delete from votes as old
  where old.retro_id = p_retro_id
    and old.voter_id = any(p_voter_ids)
    and not exists (
      select 1 from unnest(p_pick_voter_ids, p_pick_item_ids) as p (voter_id, item_id)
      where p.voter_id = old.voter_id and p.item_id = old.item_id
    );
  insert into votes (team_id, retro_id, item_id, voter_id)
  select p_team_id, p_retro_id, p.item_id, p.voter_id
  from unnest(p_pick_voter_ids, p_pick_item_ids) as p (voter_id, item_id)
  on conflict (item_id, voter_id) do nothing;
  return true;
end
$$`;
