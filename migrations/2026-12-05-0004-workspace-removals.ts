import type { Kysely } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// A workspace that removed the app: from `removed_at` nothing more is sent to it, and its rows are deleted
// in batches by a scheduled job, which sets `finished_at` when none is left.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspace_removals')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('removed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workspace_removals').execute();
}
