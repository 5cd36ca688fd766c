import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Recurring themes: an item that resembles items or Five Whys root causes of the channel's earlier retros
// is found by trigram similarity (`pg_trgm`, a trusted extension since PostgreSQL 13, so the app's own
// user may create it; the embedded database loads it when it opens). The indexes serve the `%` operator.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index feedback_items_body_trgm on feedback_items using gin (body gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index five_whys_root_cause_trgm on five_whys using gin (root_cause gin_trgm_ops)
    where root_cause is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index five_whys_root_cause_trgm`.execute(db);
  await sql`drop index feedback_items_body_trgm`.execute(db);
}
