import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// A channel's retros may keep the channel's canvas as their record:
// - `workspace_settings.channel_canvas_since`: null while the workspace keeps no canvases; otherwise when
//   it turned them on. A refusal recorded before that moment is stale: turning the setting off and on
//   tries the canvas again.
// - `channel_canvases`: per channel, the canvas Rearview created (`canvas_id`), or why Slack refused it
//   (`disabled_reason`, `refused_at`) and when the facilitator was told (`told_at`, once per refusal).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace_settings').addColumn('channel_canvas_since', 'timestamptz').execute();
  await db.schema
    .createTable('channel_canvases')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('canvas_id', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('refused_at', 'timestamptz')
    .addColumn('told_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_canvases_pkey', ['team_id', 'channel_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_canvases').execute();
  await db.schema.alterTable('workspace_settings').dropColumn('channel_canvas_since').execute();
}
