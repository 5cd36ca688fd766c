import { PGlite, type PGliteOptions, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { restoreSnapshot } from './embedded-snapshot.js';

/**
 * PostgreSQL's default 128 MB of shared buffers is written through at every start in WASM: it doubles
 * the resident memory and the time to open. One team's retros fit in a few megabytes for years. A
 * Monday round of 100,000 open items (bench:follow-up) queues its nudges in 12 s instead of 8 s with
 * these; an install that size belongs on PostgreSQL anyway.
 */
const SHARED_BUFFERS = '32MB';

/** The options every embedded database is opened with, the snapshot's included. */
export function embeddedOptions() {
  return {
    // Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
    parsers: { [types.DATE]: (value: string) => value },
    // Recurring themes compare texts by trigrams; the migration creates the extension.
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
  } satisfies PGliteOptions;
}

/** An embedded database on its way to open (main.ts starts it while the rest of the app loads). */
export type OpeningEmbedded = Promise<PGlite>;

/** Opens the embedded database in `dataDir` (in memory when undefined), an empty folder from the snapshot. */
export async function openEmbedded(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir) await restoreSnapshot(dataDir);
  return await PGlite.create(dataDir, embeddedOptions());
}
