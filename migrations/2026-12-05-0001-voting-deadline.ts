import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Voting gets its own deadline: the setup modal says how long voting lasts once the feedback is revealed
// (`voting_hours`; null: until a facilitator ends it), the reveal fixes the instant (`voting_deadline_at`),
// and the people who have not voted are reminded privately once (`voting_reminder_sent_at`).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('retros')
    .addColumn('voting_hours', 'integer')
    .addColumn('voting_deadline_at', 'timestamptz')
    .addColumn('voting_reminder_sent_at', 'timestamptz')
    .execute();
  await sql`create index retros_voting_due on retros (voting_deadline_at) where phase = 'voting'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index retros_voting_due`.execute(db);
  await db.schema
    .alterTable('retros')
    .dropColumn('voting_reminder_sent_at')
    .dropColumn('voting_deadline_at')
    .dropColumn('voting_hours')
    .execute();
}
