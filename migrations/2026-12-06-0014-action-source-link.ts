import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// `action_items.source_link`: a link to the Slack message an item was made from (the *Make action item*
// message shortcut), shown in its owner's DM.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').addColumn('source_link', 'text').execute();
  await sql`alter table action_items add constraint action_items_source_link_length
    check (char_length(source_link) <= 1000)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table action_items drop constraint action_items_source_link_length`.execute(db);
  await db.schema.alterTable('action_items').dropColumn('source_link').execute();
}
