import type { DbOrTrx } from '../db/database.js';
import { findScheduleRow } from './schedules.repository.js';

/** A channel's schedule as other features see it: whether retros are scheduled there, and the next start. */
export interface ScheduleSummary {
  id: string;
  channelId: string;
  title: string;
  /** Null while paused. */
  nextStartAt: Date | null;
  paused: boolean;
  facilitatorIds: string[];
}

export async function findSchedule(
  db: DbOrTrx,
  teamId: string,
  channelId: string,
): Promise<ScheduleSummary | null> {
  const row = await findScheduleRow(db, teamId, channelId);
  if (!row) return null;
  return {
    id: row.id,
    channelId: row.channel_id,
    title: row.title,
    nextStartAt: row.next_start_at,
    paused: row.paused,
    facilitatorIds: row.facilitator_ids,
  };
}
