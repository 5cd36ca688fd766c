import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { OPEN_PHASES } from '../retro/phases.js';
import type { Retro } from '../retro/retro.js';
import { toRetro } from '../retro/retro.js';

/** Open retros the person runs: started them or was made a co-facilitator. */
export async function listFacilitatedRetros(db: DbOrTrx, teamId: string, userId: string): Promise<Retro[]> {
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('phase', 'in', OPEN_PHASES)
    .where((eb) => eb.or([eb('created_by', '=', userId), sql<boolean>`${userId} = any(facilitator_ids)`]))
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map(toRetro);
}

/** Recent retros in the channels where the person has taken part in a retro. */
export async function listRecentRetrosNear(
  db: DbOrTrx,
  teamId: string,
  userId: string,
  limit = 10,
): Promise<Retro[]> {
  const theirChannels = db
    .selectFrom('retros')
    .select('retros.channel_id')
    .where('retros.team_id', '=', teamId)
    .where((eb) =>
      eb.or([
        eb('retros.created_by', '=', userId),
        sql<boolean>`${userId} = any(retros.facilitator_ids)`,
        eb.exists(
          eb
            .selectFrom('retro_participation')
            .select('retro_participation.retro_id')
            .whereRef('retro_participation.retro_id', '=', 'retros.id')
            .where(sql<boolean>`${userId} = any(retro_participation.user_ids)`),
        ),
      ]),
    );
  const rows = await db
    .selectFrom('retros')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('phase', '!=', 'cancelled')
    .where('channel_id', 'in', theirChannels)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRetro);
}
