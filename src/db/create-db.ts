import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.js';
import { type OpeningEmbedded, openEmbedded } from './embedded.js';
import { PGliteDialect } from './pglite-dialect.js';

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded database is used. */
  url: string | undefined;
  /** Folder of the embedded database; undefined keeps it in memory. */
  dataDir: string | undefined;
  /** The embedded database already being opened in `dataDir`, if any. */
  opening?: OpeningEmbedded;
  /** Postgres schema to work in (tests give each app its own). */
  schema?: string;
  maxConnections?: number;
  /** Longer limits for work nobody waits on in Slack, such as migrations. */
  statementTimeoutMs?: number;
  /** A connection the pool held broke (server restart, network); the pool replaces it by itself. */
  onConnectionError?: (error: Error) => void;
}

const DATE_OID = 1082;

/**
 * Every wait on the database ends inside Slack's 3 s acknowledgement window, so a hung or stalled
 * server turns into an error we can still answer with. The server cancels slow statements itself;
 * the client-side limit covers a network that silently stops delivering packets.
 */
export const DB_TIMEOUTS = { connectMs: 2_000, statementMs: 2_000 } as const;

export function createDatabase(options: DatabaseOptions): Kysely<Database> {
  if (options.url) {
    // The driver is loaded when the first query needs it: a start on the embedded database never does.
    const { url } = options;
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: () => openPool(url, options) }) });
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const { dataDir, opening } = options;
  return new Kysely<Database>({ dialect: new PGliteDialect(() => opening ?? openEmbedded(dataDir)) });
}

/** A pool of connections to PostgreSQL at `url`, with our limits and date parsing. */
async function openPool(url: string, options: DatabaseOptions): Promise<PostgresPool> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    // Extensions (pg_trgm) are the database's, once, in `public`: every schema's queries see them.
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    statement_timeout: options.statementTimeoutMs ?? DB_TIMEOUTS.statementMs,
    query_timeout: (options.statementTimeoutMs ?? DB_TIMEOUTS.statementMs) + 300,
    // Finds a peer that vanished (restart, NAT drop) instead of waiting on it forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const onError = options.onConnectionError ?? (() => {});
  // Without these listeners a connection the server drops (idle in the pool, or held between two
  // queries of a transaction) is an unhandled 'error' event, which ends the process.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return discardingBrokenClients(pool);
}

/**
 * After a client-side query timeout pg leaves the connection busy with the abandoned query; put
 * back in the pool, every later query on it would queue behind one that never ends. A connection
 * that failed for any reason other than an SQL error is therefore closed, not reused.
 */
function discardingBrokenClients(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      let broken = false;
      const query = ((...args: Parameters<pg.PoolClient['query']>) =>
        (client.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) => {
          if (!isSqlError(error)) broken = true;
          throw error;
        })) as pg.PoolClient['query'];
      return { query, release: () => client.release(broken ? new Error('connection broken') : undefined) };
    },
    end: () => pool.end(),
  };
}

/** The server answered with an SQLSTATE that leaves the connection usable. */
function isSqlError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57P)/.test(code);
}
