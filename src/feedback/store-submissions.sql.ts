import { ACCEPTS_FEEDBACK } from '../retro/phases.js';

/**
 * The database function `store_submissions`, applied on every start (src/db/functions.ts), after the
 * migrations; `storeSubmissions` in feedback.repository.ts calls it.
 *
 * Why a function: feedback submissions that arrive together are stored by one call of it. It does
 * what one statement did before (the retro's shared lock and phase check, the view-id claims, the
 * items in the order given, the participation row, the mix mark), but PL/pgSQL keeps the plans of its
 * statements for the session: a burst does not pay for parsing and planning that statement again for
 * every group. Returns the view ids that were new, or null when the retro does not take feedback.
 *
 * Participation is one row per retro holding the sorted list of everyone, rewritten whole and only
 * when the group brings someone new: its version says who took part, never who joined last.
 *
 * The phase that takes feedback is written in from retro/phases.ts, where the retro guard reads it
 * too. The signature and return type must stay as they are: `create or replace` cannot change them.
 */
export const STORE_SUBMISSIONS_SQL = `
create or replace function store_submissions(
  p_team_id text,
  p_retro_id uuid,
  p_expires_at timestamptz,
  p_view_ids text[],
  p_user_ids text[],
  p_item_ids uuid[],
  p_item_view_ids text[],
  p_item_sections text[],
  p_item_bodies text[],
  p_item_author_ids text[]
) returns text[]
language plpgsql volatile
as $$
declare
  v_claimed text[];
  v_joined text[];
begin
  perform 1 from retros
  where team_id = p_team_id and id = p_retro_id and phase = '${ACCEPTS_FEEDBACK}'
  for share;
  if not found then
    return null;
  end if;
  with claimed as (
    insert into view_submissions (team_id, view_id, expires_at)
    select p_team_id, v, p_expires_at from unnest(p_view_ids) as v
    on conflict (team_id, view_id) do nothing
    returning view_id
  )
  select coalesce(array_agg(view_id), '{}'::text[]) into v_claimed from claimed;
  if cardinality(v_claimed) = 0 then
    return v_claimed;
  end if;
  insert into feedback_items (id, team_id, retro_id, section, body, author_id)
  select i.id, p_team_id, p_retro_id, i.section, i.body, i.author_id
  from unnest(p_item_ids, p_item_view_ids, p_item_sections, p_item_bodies, p_item_author_ids)
    with ordinality as i (id, view_id, section, body, author_id, n)
  where i.view_id = any(v_claimed)
  order by i.n;
  select array_agg(distinct s.user_id collate "C" order by s.user_id collate "C") into v_joined
  from unnest(p_view_ids, p_user_ids) as s (view_id, user_id)
  where s.view_id = any(v_claimed);
  insert into retro_participation as p (retro_id, team_id, user_ids)
  values (p_retro_id, p_team_id, v_joined)
  on conflict (retro_id) do update set user_ids = (
    select array_agg(distinct u collate "C" order by u collate "C")
    from unnest(p.user_ids || excluded.user_ids) as u
  )
  where not p.user_ids @> excluded.user_ids;
  insert into retro_mix_due (retro_id, team_id) values (p_retro_id, p_team_id)
  on conflict (retro_id) do nothing;
  return v_claimed;
end
$$`;
