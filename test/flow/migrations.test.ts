import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest, retryCatalogRace } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-db.js';

async function tablesInCurrentSchema(database: TestDatabase): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
    database.db,
  );
  return result.rows.map((r) => r.table_name);
}

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
      expect(results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['2026-11-23-0001-initial-schema', 'Success'],
        ['2026-11-24-0001-follow-through', 'Success'],
        ['2026-11-24-0002-outbox', 'Success'],
        ['2026-11-24-0003-private-participation', 'Success'],
        ['2026-11-24-0004-settings', 'Success'],
        ['2026-11-24-0005-ballot-function', 'Success'],
        ['2026-11-24-0006-submission-function', 'Success'],
      ]);
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
    const up = await migrateToLatest(database.db);
    expect(up.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
    expect(await tablesInCurrentSchema(database)).toContain('retros');
  });
});
