import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type TarEntry, tarEntries } from './tar.js';

// PGlite's first initialisation of an empty folder (initdb, then every migration) takes seconds. An
// empty folder is instead given a copy of a database initialised and migrated ahead of time, shipped
// in `assets/embedded-db` and made by `npm run embedded-snapshot`; the migrations newer than it run
// as usual. A snapshot made by another PGlite version is never used: its files might not be the ones
// this version writes.

export const SNAPSHOT_FILE = 'snapshot.tar.gz';
/** The file of a data folder that says it holds a database. */
const DATABASE_MARK = 'PG_VERSION';
const gunzipAsync = promisify(gunzip);
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

/** Files of the snapshot written at once: enough to keep the thread pool busy, not a thousand open files. */
const WRITES_AT_ONCE = 16;

/**
 * Puts the shipped snapshot in a folder that holds no database yet, when this PGlite made it, and says
 * whether it did; otherwise PGlite initialises the folder itself. The files are written by Node's
 * thread pool while the app loads (PGlite's own loading of a snapshot writes them one by one, in
 * this thread, after the rest). PG_VERSION, which tells a database is there, is written last: a start
 * stopped halfway leaves a folder the next start fills again.
 */
export async function restoreSnapshot(dataDir: string): Promise<boolean> {
  if (existsSync(join(dataDir, DATABASE_MARK))) return false;
  const entries = await readSnapshot();
  const mark = entries?.find((e) => e.path === DATABASE_MARK);
  if (!entries || !mark) return false;
  for (const entry of entries.filter((e) => e.kind === 'folder')) {
    await mkdir(join(dataDir, entry.path), { recursive: true, mode: entry.mode });
  }
  const files = entries.filter((e) => e.kind === 'file' && e.path !== DATABASE_MARK);
  const write = (entry: TarEntry) => writeFile(join(dataDir, entry.path), entry.data, { mode: entry.mode });
  for (let i = 0; i < files.length; i += WRITES_AT_ONCE) {
    await Promise.all(files.slice(i, i + WRITES_AT_ONCE).map(write));
  }
  await write(mark);
  return true;
}

/** The shipped snapshot's entries, when there is one this PGlite made and it reads whole. */
async function readSnapshot(): Promise<TarEntry[] | undefined> {
  const folder = snapshotFolder();
  if (!folder) return undefined;
  try {
    if (readManifest(folder).pglite !== installedPgliteVersion()) return undefined;
    const gzipped = await readFile(join(folder, SNAPSHOT_FILE));
    // Its size unpacked (gzip's last four bytes): unpacked in one piece on the thread pool, where the
    // default 16 KB pieces each wait for a turn of this thread.
    const chunkSize = Math.max(64 * 1024, gzipped.readUInt32LE(gzipped.length - 4) + 1024);
    return [...tarEntries(await gunzipAsync(gzipped, { chunkSize }))];
  } catch {
    return undefined;
  }
}
