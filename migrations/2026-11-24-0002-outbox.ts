import { type Kysely, sql } from 'kysely';

// Frozen: this file describes the schema as of its date and never imports application code.
//
// Every message the bot must get to Slack is a row here, written in the same transaction as the change
// that causes it, and sent by whichever copy of the bot claims it first.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    // Rows of one queue go out one at a time, in id order: `channel:{team}:{channel}`, `dm:{team}:{user}`.
    .addColumn('queue', 'text', (c) => c.notNull().check(sql`char_length(queue) between 1 and 200`))
    // Dedupes (`nudge:{team}:{owner}:{week}`) or debounces (`card:{retro}`); unique while set.
    .addColumn('job_key', 'text', (c) => c.check(sql`char_length(job_key) between 1 and 300`))
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in ('chat.postMessage', 'chat.update', 'chat.postEphemeral', 'dm')`),
    )
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index outbox_job_key on outbox (job_key) where job_key is not null`.execute(db);
  // The claim walks only what is still to send: the head of each queue, by queue then id.
  await sql`create index outbox_pending_queue on outbox (queue, id)
    where sent_at is null and failed_at is null`.execute(db);
  await sql`create index outbox_pending_due on outbox (run_at, id)
    where sent_at is null and failed_at is null`.execute(db);
  await sql`create index outbox_sent on outbox (sent_at) where sent_at is not null`.execute(db);

  // users.info `tz`, kept for nudges in each owner's own time zone and refreshed now and then.
  await db.schema
    .createTable('user_time_zones')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('tz', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_time_zones_pk', ['team_id', 'user_id'])
    .execute();

  await db.schema
    .alterTable('workspace_settings')
    .addColumn('default_tz', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await db.schema
    .alterTable('workspace_settings')
    .addColumn('digest_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  // Weekly digests look for a channel's items done since the start of the week.
  await sql`create index action_items_done_recent on action_items (team_id, channel_id, done_at)
    where status = 'done'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index action_items_done_recent`.execute(db);
  await db.schema.alterTable('workspace_settings').dropColumn('digest_enabled').execute();
  await db.schema.alterTable('workspace_settings').dropColumn('default_tz').execute();
  await db.schema.dropTable('user_time_zones').execute();
  await db.schema.dropTable('outbox').execute();
}
