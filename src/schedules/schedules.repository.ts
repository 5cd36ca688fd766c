import type { DbOrTrx } from '../db/database.js';
import type { RetroScheduleRow } from './schedule.table.js';

export function findScheduleRow(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<RetroScheduleRow | undefined> {
  return db
    .selectFrom('retro_schedules')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}
