import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// This migration created the database function store_submissions. The function holds rules (the
// phase that takes feedback, the view-id claims, the participation rewrite), so it now lives beside
// its feature, in src/feedback/store-submissions.sql.ts, and every start creates or replaces it after
// the migrations (src/db/functions.ts). Here it creates nothing: a database migrated before keeps the
// function this created until its next start replaces it, and a new database gets it from the start.
// The name stays in the list, as Kysely requires of a migration that has run.

export async function up(_db: Kysely<any>): Promise<void> {}

/** Going below this point still removes the function, which databases migrated before got from here. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists store_submissions(text, uuid, timestamptz, text[], text[], uuid[], text[], text[], text[], text[])`.execute(
    db,
  );
}
