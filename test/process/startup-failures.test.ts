import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePostgres } from '../harness/fake-postgres.js';
import { FakeSlack } from '../harness/fake-slack.js';
import { freePort, run } from '../harness/run-process.js';

interface Case {
  name: string;
  env: () => Record<string, string>;
  /** Every part must be on the one line printed. */
  says: () => string[];
  exitCode: number;
}

/** Each start-up failure as a real process: one line on stderr naming cause and variable, no stack. */
describe('a first start that tells the truth', () => {
  let dir: string;
  let slack: FakeSlack;
  let busy: Server;
  let busyPort = 0;
  let refusedPort: number;
  const fakes: Array<{ port: number; stop(): Promise<void> }> = [];
  let wrongPasswordPort: number;
  let noDatabasePort: number;
  let silentPort: number;
  let freshPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rearview-startup-'));
    writeFileSync(join(dir, 'a-file'), '');
    slack = await new FakeSlack().start();
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    busyPort = (busy.address() as { port: number }).port;
    refusedPort = await freePort();
    const wrongPassword = await startFakePostgres({
      refuseWith: '28P01',
      message: 'password authentication failed for user "rearview"',
    });
    const noDatabase = await startFakePostgres({
      refuseWith: '3D000',
      message: 'database "nope" does not exist',
    });
    const silent = await startFakePostgres('silent');
    fakes.push(wrongPassword, noDatabase, silent);
    [wrongPasswordPort, noDatabasePort, silentPort] = [wrongPassword.port, noDatabase.port, silent.port];
  });
  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.stop()));
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = () => ({
    SLACK_BOT_TOKEN: 'xoxb-startup-test',
    SLACK_SIGNING_SECRET: 'startup-test-secret',
    SLACK_API_URL: slack.apiUrl,
    SLACK_APP_TOKEN: '',
    DATABASE_URL: '',
    DATA_DIR: join(dir, 'data'),
    PORT: String(freshPort),
    LOG_LEVEL: 'info',
  });
  const pg = (port: number) => `postgres://rearview:secret-pw@127.0.0.1:${port}/rearview`;

  const cases: Case[] = [
    {
      name: "the README's placeholder token",
      env: () => ({ ...base(), SLACK_BOT_TOKEN: 'xoxb-…' }),
      says: () => ['SLACK_BOT_TOKEN', 'characters a Slack token cannot have'],
      exitCode: 2,
    },
    {
      name: 'a token Slack rejects',
      env: () => {
        slack.fail('auth.test', { kind: 'error', error: 'invalid_auth' });
        return base();
      },
      says: () => ['Slack rejected SLACK_BOT_TOKEN', 'invalid_auth'],
      exitCode: 2,
    },
    {
      name: 'Slack out of reach',
      env: () => ({ ...base(), SLACK_API_URL: `http://127.0.0.1:${refusedPort}/api/` }),
      says: () => ['SLACK_API_URL', 'SLACK_BOT_TOKEN'],
      exitCode: 1,
    },
    {
      name: 'a DATA_DIR that cannot be written',
      env: () => ({ ...base(), DATA_DIR: join(dir, 'a-file', 'data') }),
      says: () => ['DATA_DIR', 'not writable'],
      exitCode: 2,
    },
    {
      name: 'PORT in use (HTTP mode)',
      env: () => ({ ...base(), PORT: String(busyPort) }),
      says: () => [`PORT ${busyPort} is already in use`],
      exitCode: 2,
    },
    {
      name: 'PORT in use (Socket Mode)',
      env: () => ({ ...base(), SLACK_APP_TOKEN: 'xapp-1-startup-test', PORT: String(busyPort) }),
      says: () => [`PORT ${busyPort} is already in use`],
      exitCode: 2,
    },
    {
      name: 'DATABASE_URL refused',
      env: () => ({ ...base(), DATABASE_URL: pg(refusedPort) }),
      says: () => ['DATABASE_URL', 'ECONNREFUSED'],
      exitCode: 1,
    },
    {
      name: 'DATABASE_URL with a wrong password',
      env: () => ({ ...base(), DATABASE_URL: pg(wrongPasswordPort) }),
      says: () => ['DATABASE_URL', 'password'],
      exitCode: 2,
    },
    {
      name: 'DATABASE_URL naming a database that does not exist',
      env: () => ({ ...base(), DATABASE_URL: pg(noDatabasePort) }),
      says: () => ['DATABASE_URL', 'does not exist'],
      exitCode: 2,
    },
    {
      name: 'DATABASE_URL unreachable (nothing answers)',
      env: () => ({ ...base(), DATABASE_URL: pg(silentPort) }),
      says: () => ['DATABASE_URL', 'cannot be reached'],
      exitCode: 1,
    },
  ];

  it.each(cases)(
    '$name: one line naming it, exit $exitCode',
    async ({ env, says, exitCode }) => {
      freshPort = await freePort();
      const r = run(env(), dir);
      const code = await r.exit;
      const lines = r.stderr.join('').trim().split('\n');
      expect(lines, lines.join('\n')).toHaveLength(1);
      expect(lines[0]).toMatch(/^Rearview cannot start: /);
      for (const part of says()) expect(lines[0]).toContain(part);
      expect(lines[0]).not.toContain('secret-pw');
      expect(r.stdout.join('')).not.toMatch(/^\s+at /m);
      expect(code).toBe(exitCode);
      // The embedded database's first start (PORT cases) takes a while on a busy machine.
    },
    90_000,
  );
});
