import { PGlite, type PGliteOptions, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { snapshotFor } from './embedded-snapshot.js';

/** The options every embedded database is opened with, the snapshot's included. */
export function embeddedOptions() {
  return {
    // Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
    parsers: { [types.DATE]: (value: string) => value },
    // Recurring themes compare texts by trigrams; the migration creates the extension.
    extensions: { pg_trgm },
  } satisfies PGliteOptions;
}

/** An embedded database on its way to open (main.ts starts it while the rest of the app loads). */
export type OpeningEmbedded = Promise<PGlite>;

/** Opens the embedded database in `dataDir` (in memory when undefined), an empty folder from the snapshot. */
export async function openEmbedded(dataDir: string | undefined): Promise<PGlite> {
  const snapshot = dataDir ? snapshotFor(dataDir) : undefined;
  return await PGlite.create(dataDir, {
    ...embeddedOptions(),
    ...(snapshot ? { loadDataDir: snapshot } : {}),
  });
}
