import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../../src/db/create-db.js';
import type { Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  db: Db;
  /** 'pglite' or 'postgres', so tests can say which one they ran on. */
  engine: 'pglite' | 'postgres';
  /** Closes the connection (if still open) and drops what the test created. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: in-memory PGlite by default, or a schema of its own on the real
 * Postgres at TEST_DATABASE_URL, so test files can run side by side.
 */
export async function createTestDatabase(
  options: {
    migrate?: boolean;
    /** The pool size production uses, not the smaller one that lets test files share the server. */
    productionPool?: boolean;
    /** A longer limit per statement than production's, for benches that seed a large table at once. */
    statementTimeoutMs?: number;
  } = {},
): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = createDatabase({ url: undefined, dataDir: undefined });
    if (options.migrate !== false) await migrateToLatest(db);
    return { db, engine: 'pglite', drop: () => db.destroy().catch(() => {}) };
  }
  await sharedExtensions(url);
  const schema = `rv_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(url, `create schema ${schema}`);
  const maxConnections = options.productionPool ? undefined : 5;
  const { statementTimeoutMs } = options;
  const db = createDatabase({ url, dataDir: undefined, schema, maxConnections, statementTimeoutMs });
  if (options.migrate !== false) await migrateToLatest(db);
  return {
    db,
    engine: 'postgres',
    drop: async () => {
      await db.destroy().catch(() => {});
      await adminQuery(url, `drop schema if exists ${schema} cascade`);
    },
  };
}

/** One statement on its own connection to the PostgreSQL at `url` (schemas, terminating backends). */
export async function adminQuery<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * An extension belongs to the whole database: created by the first schema's migration it would live, and
 * be dropped, with that schema. Made once in `public`, which every test schema's search path ends with.
 */
export async function sharedExtensions(url: string): Promise<void> {
  try {
    await adminQuery(url, 'create extension if not exists pg_trgm with schema public');
  } catch (error) {
    // Another test file created it at the same moment.
    if (!['23505', '42710'].includes(String((error as { code?: unknown }).code))) throw error;
  }
}
