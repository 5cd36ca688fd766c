import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// `dm_channels`: the id of each person's direct-message channel with the bot, as `conversations.open`
// answered it, so a weekly round of DMs does not open every conversation again (conversations.open has a
// workspace budget of its own). Forgotten when Slack says the channel is gone (`channel_not_found`).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dm_channels')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('dm_channels_pkey', ['team_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dm_channels').execute();
}
