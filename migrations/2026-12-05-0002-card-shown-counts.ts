import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// The retro card's contributor and item counts no longer move a second after each submission (which told a
// watcher how many items the person who just pressed Submit wrote): the card shows the counts kept here,
// which move only by a step of several contributors or after a quiet spell. `activity_at` is the last time
// feedback arrived for the retro (one time per retro, never per person); `behind` says the card shows less
// than is stored, so a scheduled job brings it up to date once the spell has passed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('card_counts')
    .addColumn('retro_id', 'uuid', (c) => c.primaryKey().references('retros.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('contributors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activity_at', 'timestamptz')
    .addColumn('behind', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create index card_counts_behind on card_counts (activity_at) where behind`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('card_counts').execute();
}
