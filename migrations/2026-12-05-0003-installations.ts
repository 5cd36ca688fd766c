import type { Kysely } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Installations by OAuth, one per workspace (or per organization, for org-wide installs, with team_id
// empty). Empty strings rather than nulls, so the unique key also holds for org-wide rows.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('is_enterprise_install', 'boolean', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    // Token rotation: set while one copy of the bot refreshes the workspace's token, so the others wait for it.
    .addColumn('refreshing_until', 'timestamptz')
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('installations_key', ['enterprise_id', 'team_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installations').execute();
}
