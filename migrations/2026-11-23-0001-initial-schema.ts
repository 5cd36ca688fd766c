import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Anonymity rules for this schema (see PRODUCT.md): feedback_items has an author only when the
// item is attributed; it carries no timestamp and a random id, and retro_participants carries
// nothing that orders or times a contribution, so no row can be lined up with an anonymous item.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retros')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('campaign', 'launch', 'quarter', 'other')`),
    )
    .addColumn('template', 'text', (c) =>
      c.notNull().check(sql`template in ('start_stop_continue', 'swot', 'four_ls')`),
    )
    .addColumn('phase', 'text', (c) =>
      c.notNull().check(sql`phase in ('collecting', 'voting', 'discussing', 'closed', 'cancelled')`),
    )
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('anonymous_default', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('vote_budget', 'integer', (c) =>
      c.notNull().defaultTo(3).check(sql`vote_budget between 1 and 10`),
    )
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('facilitator_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('card_ts', 'text')
    .addColumn('reminder_sent_at', 'timestamptz')
    .addColumn('revealed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .execute();
  // At most one open retro per channel; the database enforces it against concurrent /retro start.
  await sql`create unique index retros_one_open_per_channel on retros (team_id, channel_id)
    where phase in ('collecting', 'voting', 'discussing')`.execute(db);
  await db.schema
    .createIndex('retros_channel_recent')
    .on('retros')
    .columns(['team_id', 'channel_id', 'created_at'])
    .execute();
  await sql`create index retros_deadline_due on retros (deadline_at) where phase = 'collecting'`.execute(db);
  await sql`create index retros_facilitators on retros using gin (facilitator_ids)`.execute(db);

  await db.schema
    .createTable('retro_kpis')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('actual', 'double precision')
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('higher_is_better', 'boolean', (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint('retro_kpis_position', ['retro_id', 'position'])
    .execute();

  await db.schema
    .createTable('feedback_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 500`))
    // Null for anonymous items, and nothing else in the row may stand in for it.
    .addColumn('author_id', 'text')
    .execute();
  await db.schema
    .createIndex('feedback_items_retro')
    .on('feedback_items')
    .columns(['retro_id', 'section'])
    .execute();
  await sql`create index feedback_items_author on feedback_items (retro_id, author_id) where author_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('retro_participants')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('retro_participants_pk', ['retro_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('votes')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('votes_pk', ['item_id', 'voter_id'])
    .execute();
  await db.schema.createIndex('votes_retro_voter').on('votes').columns(['retro_id', 'voter_id']).execute();

  await db.schema
    .createTable('five_whys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('source_type', 'text', (c) => c.notNull().check(sql`source_type in ('item', 'kpi', 'manual')`))
    .addColumn('source_id', 'uuid')
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('whys', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('root_cause', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('message_ts', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('five_whys_retro').on('five_whys').column('retro_id').execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.references('retros.id').onDelete('set null'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 500`))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'done', 'cancelled')`),
    )
    .addColumn('source_type', 'text', (c) =>
      c.notNull().check(sql`source_type in ('item', 'root_cause', 'kpi', 'manual')`),
    )
    .addColumn('source_id', 'uuid')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('snoozed_until', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('done_at', 'timestamptz')
    .execute();
  await sql`create index action_items_open_by_owner on action_items (team_id, owner_id, due_date) where status = 'open'`.execute(
    db,
  );
  await db.schema.createIndex('action_items_retro').on('action_items').column('retro_id').execute();
  await db.schema
    .createIndex('action_items_channel')
    .on('action_items')
    .columns(['team_id', 'channel_id', 'status'])
    .execute();

  // One nudge per owner per week and one digest per channel per week, however many copies run.
  await db.schema
    .createTable('nudge_deliveries')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'date', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('nudge_deliveries_pk', ['team_id', 'owner_id', 'week_start'])
    .execute();
  await db.schema
    .createTable('digest_deliveries')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'date', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('digest_deliveries_pk', ['team_id', 'channel_id', 'week_start'])
    .execute();

  await db.schema
    .createTable('workspace_settings')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('nudge_weekday', 'integer', (c) =>
      c.notNull().defaultTo(1).check(sql`nudge_weekday between 0 and 6`),
    )
    .addColumn('nudge_time', 'text', (c) => c.notNull().defaultTo('09:00'))
    .addColumn('digest_channel_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('user_settings')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('nudges_opt_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('user_settings_pk', ['team_id', 'user_id'])
    .execute();

  // Slack retries events and Bolt does not de-duplicate them.
  await db.schema
    .createTable('processed_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'processed_events',
    'user_settings',
    'workspace_settings',
    'digest_deliveries',
    'nudge_deliveries',
    'action_items',
    'five_whys',
    'votes',
    'retro_participants',
    'feedback_items',
    'retro_kpis',
    'retros',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
