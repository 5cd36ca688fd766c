import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `docker-compose config` in a folder holding our compose file and the given .env. */
function composeConfig(env: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rearview-compose-'));
  dirs.push(dir);
  copyFileSync(join(root, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
  writeFileSync(join(dir, '.env'), env);
  const r = spawnSync('docker-compose', ['config'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    encoding: 'utf8',
  });
  if (r.error) throw new Error(`docker-compose could not run (.ci/run installs it): ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
const dirs: string[] = [];

/** The README's configuration table: every variable a person may set. */
function documentedVariables(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1] as string);
}

describe('docker-compose.yml with the .env a person copies', () => {
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unedited copy of .env.example', () => {
    const r = composeConfig(readFileSync(join(root, '.env.example'), 'utf8'));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('SLACK_SIGNING_SECRET');
  });

  it('passes with real-looking values and forwards every documented variable', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const filled = example
      .replace(/^SLACK_BOT_TOKEN=.*$/m, 'SLACK_BOT_TOKEN=xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp')
      .replace(/^SLACK_SIGNING_SECRET=.*$/m, 'SLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543')
      .replace(/^SCHEDULER=.*$/m, 'SCHEDULER=off');
    const r = composeConfig(filled);
    expect(r.status, r.output).toBe(0);
    const bot = parse(r.output).services.bot.environment as Record<string, string>;
    expect(bot.SLACK_BOT_TOKEN).toBe('xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp');
    expect(bot.SCHEDULER).toBe('off');
    // DATA_DIR belongs to the embedded database, which compose replaces with its PostgreSQL.
    const missing = documentedVariables().filter((name) => name !== 'DATA_DIR' && !(name in bot));
    expect(missing).toEqual([]);
  });
});
