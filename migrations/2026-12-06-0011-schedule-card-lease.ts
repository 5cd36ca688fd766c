import type { Kysely } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// `retro_schedules.card_lease_until`: the copy of the bot that started a scheduled retro posts its card
// until then; when the card is still missing afterwards (the copy died between its commit and the post),
// another copy takes the lease by a conditional update and posts it, so the card is posted once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('retro_schedules').addColumn('card_lease_until', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('retro_schedules').dropColumn('card_lease_until').execute();
}
