import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// PGlite's first initialisation of an empty folder (initdb, then every migration) takes seconds. An
// empty folder is instead given a copy of a database initialised and migrated ahead of time, shipped
// in `assets/embedded-db` and made by `npm run embedded-snapshot`; the migrations newer than it run
// as usual. A snapshot made by another PGlite version is never used: its files might not be the ones
// this version writes.

export const SNAPSHOT_FILE = 'snapshot.tar.gz';
export const MANIFEST_FILE = 'snapshot.json';

/** What a snapshot was made by and holds. */
export interface SnapshotManifest {
  pglite: string;
  migrations: string[];
}

/** `assets/embedded-db`, from the source tree (`src/db`) or the build (`dist/src/db`). */
export function snapshotFolder(): string | undefined {
  for (const up of ['../../assets/embedded-db/', '../../../assets/embedded-db/']) {
    const folder = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(folder, MANIFEST_FILE))) return folder;
  }
  return undefined;
}

/** The version of the installed PGlite, whose package does not export its package.json. */
export function installedPgliteVersion(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

export function readManifest(folder: string): SnapshotManifest {
  return JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as SnapshotManifest;
}

/**
 * The shipped snapshot, for a folder that holds no database yet and when this PGlite made it;
 * otherwise undefined, and PGlite initialises the folder itself.
 */
export function snapshotFor(dataDir: string): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  const folder = snapshotFolder();
  if (!folder) return undefined;
  try {
    if (readManifest(folder).pglite !== installedPgliteVersion()) return undefined;
    return new Blob([readFileSync(join(folder, SNAPSHOT_FILE))], { type: 'application/gzip' });
  } catch {
    return undefined;
  }
}
