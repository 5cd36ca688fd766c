import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { applyFunctions } from './functions.js';

/**
 * Brings the database to the latest schema, then puts the latest text of the database functions in
 * place (functions.ts): every start and every test comes through here, so none runs on a function
 * older than its code. The migration bookkeeping lives in the schema the app works in
 * (`current_schema()`): left to itself, Kysely would take another schema's bookkeeping tables in the
 * same database for ours.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
    ?.schema;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await retryCatalogRace(() => migrator.migrateToLatest());
  if (result.error) throw result.error;
  await applyFunctions(db);
  return result;
}

/** undefined_column, invalid_schema_name, undefined_table: a catalog look-up raced other DDL. */
const CATALOG_RACE = new Set(['42703', '3F000', '42P01']);

/**
 * Kysely looks for its bookkeeping table among the tables of every schema in the database. When
 * another schema changes at that moment (another app sharing the server, a test dropping its schema),
 * the look-up can fail. Migrations run in one transaction on PostgreSQL, so such a run changed nothing
 * and is simply tried again.
 */
export async function retryCatalogRace(run: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const result = await run();
    const code = (result.error as { code?: string } | undefined)?.code;
    if (!code || !CATALOG_RACE.has(code) || attempt >= 5) return result;
  }
}
