import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Ballots that arrive together are written by one call of this function: one round trip instead of
// four (begin, locks, write, commit). Each statement of a volatile PL/pgSQL function reads with a
// snapshot of its own, so the votes it replaces are read after the voters' locks are held: two
// ballots of one person, from two copies of the bot, still take turns, and the budget holds for what
// ends up stored. Voters are given sorted, so two calls take their locks in the same order.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function replace_ballots(
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
      if v_phase is distinct from 'voting' then
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
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function replace_ballots(text, uuid, text[], text[], uuid[])`.execute(db);
}
