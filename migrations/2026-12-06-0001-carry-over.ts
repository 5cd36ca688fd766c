import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Retros that carry over from one to the next:
// - `retro_schedules`: a channel's cadence (one per channel). `next_start_at` is the occurrence still to
//   start (null while paused); a copy of the bot starts it by moving `next_start_at` on in the same
//   transaction that inserts the retro, and `retros (schedule_id, scheduled_for)` is unique, so an
//   occurrence starts once whatever the number of copies. `prepared_for` is the occurrence whose
//   preparation DM went out; `prepared_kpis` the KPI actuals typed before it starts.
//   A retro keeps `schedule_id` without a foreign key: deleting a schedule never deletes a retro.
// - `action_reviews`: last time's open actions, reviewed in the thread of the next retro (done, carried,
//   dropped), one row per item and reviewing retro; `action_items.carried_to_retro_id` is the latest retro
//   an item was carried into (`retro_id` stays its first retro).
// - `retro_kpis.series_key`: KPIs of one channel with the same key are one series (the metric without
//   case or surrounding spaces, unless a facilitator linked a renamed KPI to an older series);
//   `action_items.kpi_series_key` links an action to the series it is meant to move.
// - `retro_drafts`: a message saved for a channel's next retro by the person who saved it; deleted when
//   they submit it, so no stored row ties an anonymous item to its author.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retro_schedules')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('cadence', 'jsonb', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('kpi_lines', 'text')
    .addColumn('facilitator_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('collect_hours', 'integer', (c) => c.notNull())
    .addColumn('voting_hours', 'integer')
    .addColumn('vote_budget', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('anonymous_default', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('prepare_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('next_start_at', 'timestamptz')
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('prepared_for', 'timestamptz')
    .addColumn('prepared_kpis', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index retro_schedules_channel on retro_schedules (team_id, channel_id)`.execute(db);
  await sql`create index retro_schedules_due on retro_schedules (next_start_at) where next_start_at is not null`.execute(
    db,
  );

  await db.schema
    .alterTable('retros')
    .addColumn('schedule_id', 'uuid')
    .addColumn('scheduled_for', 'timestamptz')
    .execute();
  await sql`create unique index retros_schedule_occurrence on retros (schedule_id, scheduled_for)
    where schedule_id is not null`.execute(db);

  await db.schema
    .createTable('action_reviews')
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('action_item_id', 'uuid', (c) => c.notNull().references('action_items.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addPrimaryKeyConstraint('action_reviews_pk', ['retro_id', 'action_item_id'])
    .execute();
  await db.schema
    .createTable('action_review_posts')
    .addColumn('retro_id', 'uuid', (c) => c.primaryKey().references('retros.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text')
    .execute();
  await db.schema.alterTable('action_items').addColumn('carried_to_retro_id', 'uuid').execute();
  await db.schema.alterTable('action_items').addColumn('kpi_series_key', 'text').execute();

  await db.schema.alterTable('retro_kpis').addColumn('series_key', 'text').execute();
  await sql`update retro_kpis set series_key = lower(btrim(metric))`.execute(db);
  await sql`alter table retro_kpis alter column series_key set not null`.execute(db);
  await sql`create index retro_kpis_series on retro_kpis (team_id, series_key)`.execute(db);

  await db.schema
    .createTable('retro_drafts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('message_link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('offered_retro_id', 'uuid')
    .execute();
  await sql`create index retro_drafts_channel on retro_drafts (team_id, channel_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retro_drafts').execute();
  await db.schema.dropIndex('retro_kpis_series').execute();
  await db.schema.alterTable('retro_kpis').dropColumn('series_key').execute();
  await db.schema.alterTable('action_items').dropColumn('kpi_series_key').execute();
  await db.schema.alterTable('action_items').dropColumn('carried_to_retro_id').execute();
  await db.schema.dropTable('action_review_posts').execute();
  await db.schema.dropTable('action_reviews').execute();
  await db.schema.dropIndex('retros_schedule_occurrence').execute();
  await db.schema.alterTable('retros').dropColumn('scheduled_for').dropColumn('schedule_id').execute();
  await db.schema.dropTable('retro_schedules').execute();
}
