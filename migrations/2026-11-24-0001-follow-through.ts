import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Follow-through: who marked an action item done, where its owner's DM is (to update it in place), the
// source as it was shown, and when a row last changed; Five Whys chains learn their channel, source label
// and edit time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('action_items')
    .addColumn('done_by', 'text')
    .addColumn('dm_channel_id', 'text')
    .addColumn('dm_ts', 'text')
    .addColumn('source_label', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table action_items add constraint action_items_dm_location
    check ((dm_channel_id is null) = (dm_ts is null))`.execute(db);
  await sql`alter table action_items add constraint action_items_source_label_length
    check (char_length(source_label) <= 1000)`.execute(db);
  // `/retro actions all` lists a channel's open items, soonest due first.
  await sql`create index action_items_open_by_channel on action_items (team_id, channel_id, due_date)
    where status = 'open'`.execute(db);

  await db.schema
    .alterTable('five_whys')
    .addColumn('channel_id', 'text')
    .addColumn('source_label', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`update five_whys set channel_id = retros.channel_id from retros
    where retros.id = five_whys.retro_id and five_whys.channel_id is null`.execute(db);
  await sql`alter table five_whys add constraint five_whys_whys_count
    check (cardinality(whys) <= 5) not valid`.execute(db);
  await sql`alter table five_whys add constraint five_whys_source_label_length
    check (char_length(source_label) <= 1000)`.execute(db);
  await db.schema
    .createIndex('five_whys_team_retro')
    .on('five_whys')
    .columns(['team_id', 'retro_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('five_whys_team_retro').execute();
  await sql`alter table five_whys drop constraint five_whys_source_label_length`.execute(db);
  await sql`alter table five_whys drop constraint five_whys_whys_count`.execute(db);
  await db.schema
    .alterTable('five_whys')
    .dropColumn('updated_at')
    .dropColumn('source_label')
    .dropColumn('channel_id')
    .execute();

  await db.schema.dropIndex('action_items_open_by_channel').execute();
  await sql`alter table action_items drop constraint action_items_source_label_length`.execute(db);
  await sql`alter table action_items drop constraint action_items_dm_location`.execute(db);
  await db.schema
    .alterTable('action_items')
    .dropColumn('updated_at')
    .dropColumn('source_label')
    .dropColumn('dm_ts')
    .dropColumn('dm_channel_id')
    .dropColumn('done_by')
    .execute();
}
