import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Who took part in a retro becomes one row per retro holding the sorted list of people. A row per
// person was written by the transaction that stored that person's items, so its xmin pointed at
// their submission; one row rewritten as a whole by every group of submissions points at no one.
// retro_mix_due names the retros whose items are to be rewritten in random order (see the feedback
// feature's mixing). view_submissions makes a modal submission count once, however often Slack
// (or a double click) delivers it. card_refreshes paces re-renders of a retro card.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retro_participation')
    .addColumn('retro_id', 'uuid', (c) => c.primaryKey().references('retros.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await sql`insert into retro_participation (retro_id, team_id, user_ids)
    select retro_id, min(team_id), array_agg(user_id order by user_id)
    from retro_participants group by retro_id`.execute(db);
  await db.schema.dropTable('retro_participants').execute();

  await db.schema
    .createTable('retro_mix_due')
    .addColumn('retro_id', 'uuid', (c) => c.primaryKey().references('retros.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('view_submissions')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('view_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('view_submissions_pk', ['team_id', 'view_id'])
    .execute();
  await db.schema
    .createIndex('view_submissions_expiry')
    .on('view_submissions')
    .column('expires_at')
    .execute();

  // When each retro's card was last re-rendered, so that copies of the bot share one pace.
  await db.schema
    .createTable('card_refreshes')
    .addColumn('retro_id', 'uuid', (c) => c.primaryKey().references('retros.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('card_refreshes').execute();
  await db.schema.dropTable('view_submissions').execute();
  await db.schema.dropTable('retro_mix_due').execute();
  await db.schema
    .createTable('retro_participants')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_id', 'uuid', (c) => c.notNull().references('retros.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('retro_participants_pk', ['retro_id', 'user_id'])
    .execute();
  await sql`insert into retro_participants (team_id, retro_id, user_id)
    select team_id, retro_id, unnest(user_ids) from retro_participation`.execute(db);
  await db.schema.dropTable('retro_participation').execute();
}
