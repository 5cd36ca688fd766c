import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/commands/usage.js';
import { sign } from '../harness/signed-sender.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

describe('the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('checks its bot token with auth.test when it starts', () => {
    expect(t.slack.callsOf('auth.test').length).toBeGreaterThan(0);
    expect(t.slack.calls.every((c) => c.token === 'xoxb-test-token-do-not-log')).toBe(true);
  });

  it('answers /retro and /retro help with ephemeral usage listing every subcommand', async () => {
    for (const text of ['', 'help', '  HELP  ']) {
      const reply = await t.user('U1').command(text);
      expect(reply.status).toBe(200);
      expect(reply.json?.response_type).toBe('ephemeral');
      for (const sub of SUBCOMMANDS) expect(reply.json?.text).toContain(`/retro ${sub.usage}`);
      for (const sub of ['start', 'status', 'close', 'actions', 'export', 'settings', 'help']) {
        expect(reply.json?.text).toContain(`/retro ${sub}`);
      }
      expect(reply.json?.text).not.toContain('Unknown subcommand');
    }
  });

  it('names an unknown subcommand and still shows the usage', async () => {
    const reply = await t.user('U1').command('frobnicate now');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(reply.json?.text).toContain('Unknown subcommand `frobnicate`');
    expect(reply.json?.text).toContain('/retro start [title]');
  });

  it.each([
    ['a mention of everyone', '<!channel>', 'Unknown subcommand `&lt;!channel&gt;`'],
    ['a link', '<https://evil.example|click>', 'Unknown subcommand `&lt;https://evil.example|click&gt;`'],
    ['a backtick ending the code early', 'x`*bold*', "Unknown subcommand `x'*bold*`"],
    ['an ampersand', 'q&a', 'Unknown subcommand `q&amp;a`'],
  ])('echoes an unknown subcommand as plain text: %s', async (_, typed, shown) => {
    const reply = await t.user('U1').command(typed);
    expect(reply.json?.text).toContain(shown);
    const intro = (reply.json?.blocks as { text?: { text?: string } }[] | undefined)?.[0]?.text?.text;
    expect(intro).toContain(shown);
  });

  it.each([
    ['a wrong signature', { signature: 'v0=deadbeef' }],
    [
      'a signature made with another secret',
      { signature: sign('other-secret', 'x', Math.floor(Date.now() / 1000)) },
    ],
    ['a timestamp six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
  ])('refuses a request with %s (401) and runs nothing', async (_name, options) => {
    const before = t.slack.calls.length;
    const reply = await t.sender.form(t.sender.commandFields({ userId: 'U1' }, 'help'), options);
    expect(reply.status).toBe(401);
    expect(reply.json?.response_type).toBeUndefined();
    expect(t.slack.calls.length).toBe(before);
  });

  it('serves /healthz and /readyz', async () => {
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('has run every migration, creating the tables of the whole product', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema()`.execute(
      t.database.db,
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const table of [
      'retros',
      'retro_kpis',
      'feedback_items',
      'retro_participation',
      'votes',
      'five_whys',
      'action_items',
      'follow_up_deliveries',
      'outbox',
      'outbox_turns',
      'workspace_settings',
      'user_settings',
      'processed_events',
    ]) {
      expect(names).toContain(table);
    }
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'team_id'`.execute(t.database.db);
    expect(new Set(columns.rows.map((r) => r.table_name))).toEqual(
      new Set(names.filter((n) => !n.startsWith('kysely_'))),
    );
  });

  it('processes a retried event only once', async () => {
    const before = await t.database.db.selectFrom('processed_events').selectAll().execute();
    const first = await t.sender.event(
      { type: 'app_home_opened', user: 'U1', tab: 'messages', channel: 'D1' },
      'EvSAME',
    );
    const second = await t.sender.event(
      { type: 'app_home_opened', user: 'U1', tab: 'messages', channel: 'D1' },
      'EvSAME',
    );
    expect([first.status, second.status]).toEqual([200, 200]);
    const after = await t.database.db.selectFrom('processed_events').selectAll().execute();
    expect(after.length - before.length).toBe(1);
  });

  it('never writes the bot token or signing secret to its logs', () => {
    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(0);
    expect(all).not.toContain('xoxb-test-token-do-not-log');
    expect(all).not.toContain('test-signing-secret');
  });
});

describe('shutdown', () => {
  it('stops listening, says it is stopping, and closes the database', async () => {
    const t = await startTestApp();
    try {
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      await t.rearview.stop();
      await expect(fetch(`${t.baseUrl}/healthz`)).rejects.toThrow();
      await expect(sql`select 1`.execute(t.database.db)).rejects.toThrow();
      expect(t.logs.some((l) => l.includes('Rearview stopped'))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
