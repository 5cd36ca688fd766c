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
  const { schema, applied } = await appliedMigrations(db);
  // Most starts find every migration applied. Kysely's migrator would still look through the catalog
  // and take its lock to find that out, which costs the embedded database most of a second.
  if (applied && sameNames(applied, Object.keys(migrations))) {
    await applyFunctions(db);
    return { results: [] };
  }
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

/**
 * The schema the app works in, and the names in its migration bookkeeping (undefined before the
 * first migration). Migrations run in one transaction on PostgreSQL, so another copy migrating at
 * this moment shows either none of its names or all of them.
 */
async function appliedMigrations(
  db: Kysely<any>,
): Promise<{ schema: string | undefined; applied?: string[] }> {
  const { schema, present } = (
    await sql<{ schema: string | null; present: boolean }>`
      select current_schema() as schema,
             to_regclass(quote_ident(current_schema()) || '.kysely_migration') is not null as present`.execute(
      db,
    )
  ).rows[0] ?? { schema: null, present: false };
  if (!schema || !present) return { schema: schema ?? undefined };
  const rows = await db.withSchema(schema).selectFrom('kysely_migration').select('name').execute();
  return { schema, applied: rows.map((row: { name: string }) => row.name) };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((name) => set.has(name));
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
