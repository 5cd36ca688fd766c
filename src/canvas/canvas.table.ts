import type { Selectable } from 'kysely';

/** A channel's canvas kept as the record of its retros, or why Slack refused it. */
export interface ChannelCanvasTable {
  team_id: string;
  channel_id: string;
  canvas_id: string | null;
  /** Slack's error when it refused the canvas; no retry while the refusal is newer than the setting. */
  disabled_reason: string | null;
  refused_at: Date | null;
  /** When the facilitator was told of the refusal (once per time the setting is turned on). */
  told_at: Date | null;
  updated_at: Date;
}

export type ChannelCanvasRow = Selectable<ChannelCanvasTable>;

declare module '../db/database.js' {
  interface Database {
    channel_canvases: ChannelCanvasTable;
  }
}
