import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Every edit of a Slack message now goes through the outbox: the pace of a retro card's edits across
// copies of the bot moves from `card_refreshes` to `outbox_turns`, which paces any keyed edit. The weekly
// follow-up records the weeks it has queued (one row per nudge or digest and ISO week) instead of reading
// the outbox's keys; `nudge_deliveries` and `digest_deliveries` were never used and go.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('card_refreshes').execute();
  await db.schema.dropTable('nudge_deliveries').execute();
  await db.schema.dropTable('digest_deliveries').execute();
  await db.schema
    .createTable('outbox_turns')
    .addColumn('job_key', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('follow_up_deliveries')
    .addColumn('team_id', 'text', (c) => c.notNull())
    // 'nudge' (subject: the owner) or 'digest' (subject: the channel).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // The ISO week in the reader's zone, 'YYYY-Www'.
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_deliveries_pk', ['team_id', 'kind', 'subject_id', 'week'])
    .execute();
  await db.schema
    .createIndex('follow_up_deliveries_queued')
    .on('follow_up_deliveries')
    .column('queued_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_up_deliveries').execute();
  await db.schema.dropTable('outbox_turns').execute();
  for (const [table, subject] of [
    ['nudge_deliveries', 'owner_id'],
    ['digest_deliveries', 'channel_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn(subject, 'text', (c) => c.notNull())
      .addColumn('week_start', 'date', (c) => c.notNull())
      .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('sent_at', 'timestamptz')
      .addPrimaryKeyConstraint(`${table}_pk`, ['team_id', subject, 'week_start'])
      .execute();
  }
  await db.schema
    .createTable('card_refreshes')
    .addColumn('retro_id', 'uuid', (c) => c.primaryKey().references('retros.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
