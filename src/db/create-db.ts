import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { PGliteDialect } from './pglite-dialect.js';

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded database is used. */
  url: string | undefined;
  /** Folder of the embedded database; undefined keeps it in memory. */
  dataDir: string | undefined;
  /** Postgres schema to work in (tests give each app its own). */
  schema?: string;
  maxConnections?: number;
}

const DATE_OID = 1082;

export function createDatabase(options: DatabaseOptions): Kysely<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      // Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID
            ? (value: string) => value
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return new Kysely<Database>({ dialect: new PGliteDialect(options.dataDir) });
}
