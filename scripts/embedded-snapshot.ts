// `npm run embedded-snapshot`: writes assets/embedded-db/, the database an empty DATA_DIR starts from
// (src/db/embedded-snapshot.ts says why). Run it after adding a migration or updating PGlite; a test
// (test/flow/embedded-snapshot.test.ts) fails until then.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { migrations } from '../migrations/index.js';
import type { Database } from '../src/db/database.js';
import { embeddedOptions } from '../src/db/embedded.js';
import {
  installedPgliteVersion,
  MANIFEST_FILE,
  SNAPSHOT_FILE,
  type SnapshotManifest,
} from '../src/db/embedded-snapshot.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { PGliteDialect } from '../src/db/pglite-dialect.js';

const folder = fileURLToPath(new URL('../assets/embedded-db/', import.meta.url));
const pglite = installedPgliteVersion();
if (!pglite) throw new Error('cannot read the version of the installed PGlite');

const client = await PGlite.create(undefined, embeddedOptions());
const db = new Kysely<Database>({ dialect: new PGliteDialect(async () => client) });
try {
  await migrateToLatest(db);
  // Everything on disk, so the copy starts without replaying the log.
  await sql`checkpoint`.execute(db);
  const tarball = await client.dumpDataDir('gzip');
  const manifest: SnapshotManifest = { pglite, migrations: Object.keys(migrations) };
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, SNAPSHOT_FILE), Buffer.from(await tarball.arrayBuffer()));
  writeFileSync(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `wrote ${join(folder, SNAPSHOT_FILE)} (${Math.round(tarball.size / 1024)} KB, PGlite ${pglite}, ${manifest.migrations.length} migrations)`,
  );
} finally {
  await db.destroy();
}
