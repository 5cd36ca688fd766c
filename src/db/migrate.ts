import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';

/**
 * Brings the database to the latest schema. The migration bookkeeping lives in the schema the app
 * works in (`current_schema()`): left to itself, Kysely would take another schema's bookkeeping
 * tables in the same database for ours.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
    ?.schema;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
