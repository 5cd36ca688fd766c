import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { DEFAULT_SCHEDULE } from '../follow-up/week.js';
import type { WorkspaceFollowUp } from './settings.js';

export async function loadWorkspaceFollowUp(db: DbOrTrx, teamId: string): Promise<WorkspaceFollowUp> {
  const row = await db
    .selectFrom('workspace_settings')
    .selectAll()
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return {
    schedule: row ? { weekday: row.nudge_weekday, time: row.nudge_time } : DEFAULT_SCHEDULE,
    defaultTimeZone: row?.default_tz ?? 'UTC',
    digestEnabled: row?.digest_enabled ?? true,
    digestChannelId: row?.digest_channel_id ?? null,
    channelCanvas: (row?.channel_canvas_since ?? null) !== null,
  };
}

export async function saveWorkspaceFollowUp(
  db: DbOrTrx,
  teamId: string,
  settings: WorkspaceFollowUp,
  now: Date,
): Promise<void> {
  const values = {
    nudge_weekday: settings.schedule.weekday,
    nudge_time: settings.schedule.time,
    default_tz: settings.defaultTimeZone,
    digest_enabled: settings.digestEnabled,
    digest_channel_id: settings.digestChannelId,
    updated_at: now,
  };
  // Kept while it stays on: a canvas refused since then is not tried again until it is turned off and on.
  const canvasSince = settings.channelCanvas ? now : null;
  await db
    .insertInto('workspace_settings')
    .values({ team_id: teamId, ...values, channel_canvas_since: canvasSince })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet({
        ...values,
        channel_canvas_since: settings.channelCanvas
          ? sql<Date>`coalesce(workspace_settings.channel_canvas_since, ${now})`
          : null,
      }),
    )
    .execute();
}

export async function loadOptOut(db: DbOrTrx, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_settings')
    .select('nudges_opt_out')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.nudges_opt_out ?? false;
}

export async function saveOptOut(
  db: DbOrTrx,
  teamId: string,
  userId: string,
  optOut: boolean,
): Promise<void> {
  await db
    .insertInto('user_settings')
    .values({ team_id: teamId, user_id: userId, nudges_opt_out: optOut })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ nudges_opt_out: optOut }))
    .execute();
}

/** The person's known zone (users.info, kept by the follow-up), if any. */
export async function knownTimeZone(db: DbOrTrx, teamId: string, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('user_time_zones')
    .select('tz')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.tz ?? null;
}
