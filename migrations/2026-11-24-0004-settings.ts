import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// The workspace and personal settings of the weekly follow-up already have their columns; what this adds
// is what the reminder to close a retro left in discussion needs: since when it is discussed, and that
// its facilitators were reminded (once).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('retros').addColumn('discussing_at', 'timestamptz').execute();
  await db.schema.alterTable('retros').addColumn('close_reminder_sent_at', 'timestamptz').execute();
  // Retros already in discussion count from their reveal, the closest moment known.
  await sql`update retros set discussing_at = coalesce(revealed_at, created_at) where phase = 'discussing'`.execute(
    db,
  );
  await sql`create index retros_discussing on retros (discussing_at)
    where phase = 'discussing' and close_reminder_sent_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index retros_discussing`.execute(db);
  await db.schema.alterTable('retros').dropColumn('close_reminder_sent_at').execute();
  await db.schema.alterTable('retros').dropColumn('discussing_at').execute();
}
