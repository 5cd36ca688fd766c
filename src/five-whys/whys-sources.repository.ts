import type { DbOrTrx } from '../db/database.js';
import { type RetroKpi, toRetroKpi } from '../retro/retro.js';
import { isUuid } from '../shared/uuid.js';

/** A feedback item of the workspace, with its retro: what a Five Whys chain or an action item starts from. */
export async function findSourceItem(
  db: DbOrTrx,
  teamId: string,
  id: string,
): Promise<{ retroId: string; section: string; body: string } | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom('feedback_items')
    .select(['retro_id', 'section', 'body'])
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { retroId: row.retro_id, section: row.section, body: row.body } : null;
}

/** A KPI of one of the workspace's retros. */
export async function findSourceKpi(
  db: DbOrTrx,
  teamId: string,
  id: string,
): Promise<{ retroId: string; kpi: RetroKpi } | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom('retro_kpis as k')
    .innerJoin('retros as r', 'r.id', 'k.retro_id')
    .selectAll('k')
    .where('r.team_id', '=', teamId)
    .where('k.id', '=', id)
    .executeTakeFirst();
  return row ? { retroId: row.retro_id, kpi: toRetroKpi(row) } : null;
}
