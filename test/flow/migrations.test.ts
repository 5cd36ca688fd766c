import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createDatabase } from '../../src/db/create-db.js';
import { migrateToLatest, retryCatalogRace } from '../../src/db/migrate.js';
import { STORE_SUBMISSIONS_SQL } from '../../src/feedback/store-submissions.sql.js';
import { REPLACE_BALLOTS_SQL } from '../../src/voting/replace-ballots.sql.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-db.js';

async function tablesInCurrentSchema(database: TestDatabase): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
    database.db,
  );
  return result.rows.map((r) => r.table_name);
}

/** The bodies of the app's database functions in the schema it works in (an extension's aside), by name. */
async function functionsInCurrentSchema(database: TestDatabase): Promise<Record<string, string>> {
  const result = await sql<{ proname: string; prosrc: string }>`
    select proname, prosrc from pg_proc p where pronamespace = current_schema()::regnamespace
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    order by proname`.execute(database.db);
  return Object.fromEntries(result.rows.map((r) => [r.proname, r.prosrc]));
}

/** The body of a `create or replace function` text: what PostgreSQL keeps as its source. */
function bodyOf(text: string): string {
  const body = text.split('$$')[1];
  if (body === undefined) throw new Error('no $$ body');
  return body;
}

const LATEST_FUNCTIONS = {
  replace_ballots: bodyOf(REPLACE_BALLOTS_SQL),
  store_submissions: bodyOf(STORE_SUBMISSIONS_SQL),
};

describe('migrations', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  it('create every table in the schema the app works in, even when another schema has its own bookkeeping', async () => {
    database = await createTestDatabase({ migrate: false });
    const other = `rv_other_${Math.random().toString(36).slice(2, 10)}`;
    await sql`create schema ${sql.id(other)}`.execute(database.db);
    await sql`create table ${sql.id(other, 'kysely_migration')} (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(
      database.db,
    );
    await sql`create table ${sql.id(other, 'kysely_migration_lock')} (id varchar(255) primary key, is_locked integer not null default 0)`.execute(
      database.db,
    );
    try {
      const { results } = await migrateToLatest(database.db);
      expect(results?.map((r) => [r.migrationName, r.status])).toEqual(
        Object.keys(migrations).map((name) => [name, 'Success']),
      );
      expect(await tablesInCurrentSchema(database)).toContain('feedback_items');
      expect((await migrateToLatest(database.db)).results).toEqual([]);
    } finally {
      await sql`drop schema ${sql.id(other)} cascade`.execute(database.db);
    }
  });

  it('go all the way down and up again', async () => {
    database = await createTestDatabase();
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s;
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const down = await retryCatalogRace(() => migrator.migrateTo(NO_MIGRATIONS));
    expect(down.error).toBeUndefined();
    expect((await tablesInCurrentSchema(database)).filter((t) => !t.startsWith('kysely_'))).toEqual([]);
    expect(await functionsInCurrentSchema(database)).toEqual({});
    const up = await migrateToLatest(database.db);
    expect(up.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
    expect(await tablesInCurrentSchema(database)).toContain('retros');
    expect(await functionsInCurrentSchema(database)).toEqual(LATEST_FUNCTIONS);
  });

  it('put the latest database functions in the schema the app works in on every start', async () => {
    database = await createTestDatabase();
    expect(await functionsInCurrentSchema(database)).toEqual(LATEST_FUNCTIONS);
    // A database that ran the old migrations, or had its functions changed by hand, gets them back.
    await sql`create or replace function replace_ballots(
      p_team_id text, p_retro_id uuid, p_voter_ids text[], p_pick_voter_ids text[], p_pick_item_ids uuid[]
    ) returns boolean language sql as $$ select true $$`.execute(database.db);
    await sql`drop function store_submissions(text, uuid, timestamptz, text[], text[], uuid[], text[], text[], text[], text[])`.execute(
      database.db,
    );
    expect((await migrateToLatest(database.db)).results).toEqual([]);
    expect(await functionsInCurrentSchema(database)).toEqual(LATEST_FUNCTIONS);
  });

  it('let copies start at once on one schema, new or migrated', async () => {
    database = await createTestDatabase({ migrate: false });
    const url = process.env.TEST_DATABASE_URL;
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s;
    // The embedded database is one session, so its copies take turns anyway; PostgreSQL gets copies
    // with connections of their own.
    const copies = url
      ? Array.from({ length: 4 }, () =>
          createDatabase({ url, dataDir: undefined, schema, maxConnections: 1 }),
        )
      : [database.db, database.db];
    try {
      for (let round = 0; round < 3; round++) {
        const starts = await Promise.allSettled(copies.map((copy) => migrateToLatest(copy)));
        expect(starts.filter((s) => s.status === 'rejected')).toEqual([]);
      }
      expect(await functionsInCurrentSchema(database)).toEqual(LATEST_FUNCTIONS);
    } finally {
      if (url) await Promise.all(copies.map((copy) => copy.destroy()));
    }
  });
});
