import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createDatabase } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import {
  installedPgliteVersion,
  readManifest,
  restoreSnapshot,
  snapshotFolder,
} from '../../src/db/embedded-snapshot.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const REGENERATE = 'run `npm run embedded-snapshot` and commit assets/embedded-db/';

async function tables(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`.execute(
    db,
  );
  return result.rows.map((row) => row.name);
}

// The embedded database only: PostgreSQL is never started from the snapshot.
describe('the snapshot an empty embedded folder starts from', () => {
  const folders: string[] = [];
  const open: Kysely<Database>[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('was made by the installed PGlite from every migration', () => {
    const folder = snapshotFolder();
    expect(folder, `no snapshot in assets/embedded-db: ${REGENERATE}`).toBeDefined();
    const manifest = readManifest(folder as string);
    expect(manifest.pglite, `the snapshot was made by another PGlite: ${REGENERATE}`).toBe(
      installedPgliteVersion(),
    );
    expect(manifest.migrations, `the snapshot does not hold the latest migrations: ${REGENERATE}`).toEqual(
      Object.keys(migrations),
    );
  });

  it('gives an empty folder the schema the migrations build, and the folder opens again as it was left', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rearview-snapshot-'));
    folders.push(dataDir);
    expect(await restoreSnapshot(dataDir)).toBe(true);

    const started = createDatabase({ url: undefined, dataDir });
    open.push(started);
    expect((await migrateToLatest(started)).results, 'every migration came with the snapshot').toEqual([]);
    await sql`insert into workspace_settings (team_id) values ('T0SNAP')`.execute(started);
    const fromSnapshot = await tables(started);
    await open.pop()?.destroy();

    expect(await restoreSnapshot(dataDir), 'a folder holding a database is never overwritten').toBe(false);
    const reopened = createDatabase({ url: undefined, dataDir });
    open.push(reopened);
    expect((await migrateToLatest(reopened)).results).toEqual([]);
    const kept = await sql<{ team_id: string }>`select team_id from workspace_settings`.execute(reopened);
    expect(kept.rows).toEqual([{ team_id: 'T0SNAP' }]);

    const migrated = createDatabase({ url: undefined, dataDir: undefined });
    open.push(migrated);
    await migrateToLatest(migrated);
    expect(fromSnapshot).toEqual(await tables(migrated));
  });

  it('fills again a folder a start left halfway, before it wrote PG_VERSION', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rearview-snapshot-'));
    folders.push(dataDir);
    expect(await restoreSnapshot(dataDir)).toBe(true);
    // As if the process ended among the writes: the mark not yet there, a file cut short.
    rmSync(join(dataDir, 'PG_VERSION'));
    writeFileSync(join(dataDir, 'global', 'pg_control'), 'cut');
    expect(await restoreSnapshot(dataDir)).toBe(true);

    const started = createDatabase({ url: undefined, dataDir });
    open.push(started);
    expect((await migrateToLatest(started)).results).toEqual([]);
    expect(await tables(started)).toContain('workspace_settings');
  });
});
