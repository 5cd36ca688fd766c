import type { Generated } from 'kysely';

export interface WorkspaceSettingsTable {
  team_id: string;
  nudge_weekday: Generated<number>;
  nudge_time: Generated<string>;
  digest_channel_id: string | null;
  /** Null while the workspace keeps no channel canvases; otherwise when it turned them on. */
  channel_canvas_since: Date | null;
  updated_at: Generated<Date>;
}

export interface UserSettingsTable {
  team_id: string;
  user_id: string;
  nudges_opt_out: Generated<boolean>;
}
