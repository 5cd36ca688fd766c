import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/run-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function migrate(env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/db/migrate-cli.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += String(d);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** `npm run migrate` fails as `npm start` does: one line naming cause and variable, and its exit code. */
describe('npm run migrate against a database that is down', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-migrate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line and exits 1 when nothing listens at DATABASE_URL', async () => {
    const port = await freePort();
    const r = await migrate(
      { DATABASE_URL: `postgres://rearview:secret-pw@127.0.0.1:${port}/rearview` },
      dir,
    );
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^Rearview cannot migrate: /);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).toContain('ECONNREFUSED');
    expect(lines[0]).not.toContain('secret-pw');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  }, 60_000);

  it('prints one line and exits 2 when a variable is wrong', async () => {
    const r = await migrate({ DATABASE_URL: '', DATA_DIR: dir, LOG_LEVEL: 'loud' }, dir);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toContain('LOG_LEVEL');
    expect(r.code).toBe(2);
  }, 60_000);
});
