import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { ACME, asTeam, callback, GLOBEX, install, openInstallPage } from './oauth-helpers.js';
import { addFeedback, expectFeedbackSaved, startRetro } from './retro-helpers.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('installing in several workspaces by OAuth', () => {
  it('installs two workspaces and runs a retro in each, every call with its own workspace token', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    for (const workspace of [ACME, GLOBEX]) {
      const page = await install(app, workspace);
      expect(page.status, page.text).toBe(200);
    }
    const rows = await app.database.db.selectFrom('installations').selectAll().orderBy('team_id').execute();
    expect(rows.map((r) => r.team_id)).toEqual(['T0ACME', 'T0GLOBEX']);

    for (const workspace of [ACME, GLOBEX]) {
      const team = asTeam(app, workspace.teamId);
      const before = app.slack.calls.length;
      const facilitator = team.user('U0FACIL', `C0${workspace.teamId}`);
      const retro = await startRetro(team, facilitator, `Q4 at ${workspace.teamId}`);
      expectFeedbackSaved(
        await addFeedback(
          team,
          team.user('U0ALICE', `C0${workspace.teamId}`),
          retro,
          { start: 'Start weekly demos' },
          true,
        ),
      );
      await app.rearview.features.outbox.flush();
      const calls = app.slack.calls.slice(before);
      expect(calls.length).toBeGreaterThan(2);
      for (const call of calls) expect(call.token, call.method).toBe(workspace.token);
      // Jobs with no request behind them use the workspace's token too.
      expect(await app.rearview.features.botUserId(workspace.teamId)).toBe(workspace.botUserId);
    }
  });

  it('updates an installation when a workspace installs again, and keeps one row', async () => {
    t = await startTestApp({ oauth: {} });
    expect((await install(t, ACME)).status).toBe(200);
    expect((await install(t, { ...ACME, code: 'code-acme-2', token: 'xoxb-acme-new' })).status).toBe(200);
    const rows = await t.database.db.selectFrom('installations').selectAll().execute();
    expect(rows).toHaveLength(1);
    const before = t.slack.calls.length;
    await t.rearview.features.clientFor(ACME.teamId).auth.test();
    expect(t.slack.calls.slice(before).map((c) => c.token)).toEqual(['xoxb-acme-new']);
  });

  it('refuses a callback with no state, a forged state, a state without its cookie, a denial and a refused code', async () => {
    t = await startTestApp({ oauth: {} });
    t.slack.addWorkspace(ACME);
    const { state, cookie } = await openInstallPage(t);
    const refusals = [
      await callback(t, { code: ACME.code }, cookie),
      await callback(t, { code: ACME.code, state: `${state}x` }, cookie),
      await callback(t, { code: ACME.code, state }),
      await callback(t, { error: 'access_denied', state }, cookie),
      await callback(t, { code: 'code-nobody-granted', state }, cookie),
    ];
    for (const page of refusals) {
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.text).toMatch(/Oops|went wrong|error/i);
    }
    expect(await t.database.db.selectFrom('installations').selectAll().execute()).toEqual([]);
  });

  it('refuses a replayed callback, from the same browser or with the old cookie, and changes nothing', async () => {
    t = await startTestApp({ oauth: {} });
    t.slack.addWorkspace(ACME);
    const { state, cookie } = await openInstallPage(t);
    const done = await callback(t, { code: ACME.code, state }, cookie);
    expect(done.status).toBe(200);
    // The callback deletes the state cookie: the browser comes back without it.
    expect(done.headers.get('set-cookie')).toMatch(/slack-app-oauth-state=deleted/);
    const before = await t.database.db.selectFrom('installations').selectAll().execute();
    for (const replay of [
      await callback(t, { code: ACME.code, state }),
      await callback(t, { code: ACME.code, state }, cookie),
    ]) {
      expect(replay.status).toBeGreaterThanOrEqual(400);
    }
    expect(await t.database.db.selectFrom('installations').selectAll().execute()).toEqual(before);
  });

  it('answers a workspace that has no installation without calling Slack with any token', async () => {
    t = await startTestApp({ oauth: {} });
    await install(t, ACME);
    const stranger = asTeam(t, 'T0STRANGER');
    const before = t.slack.calls.length;
    const reply = await stranger.user('U0EVE', 'C0EVE').command('start Sneaky');
    // Acknowledged so Slack does not retry, and nothing is done: no Web API call with anyone's token.
    expect(reply.status).toBe(200);
    expect(t.slack.calls.slice(before)).toEqual([]);
    expect(t.logs.some((l) => l.includes('not installed in workspace T0STRANGER'))).toBe(true);
    expect(await t.database.db.selectFrom('retros').selectAll().execute()).toEqual([]);
    await expect(t.rearview.features.clientFor('T0STRANGER').auth.test()).rejects.toThrow(/not installed/);
    expect(t.slack.calls.slice(before)).toEqual([]);
  });

  it('keeps tokens unreadable in the database without the key', async () => {
    t = await startTestApp({ oauth: {} });
    await install(t, ACME);
    const rows = await t.database.db.selectFrom('installations').selectAll().execute();
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(ACME.token);
    expect(raw).not.toContain('xoxb-');
    expect(rows[0]?.key_id).toBe('k1');
    expect(t.logs.join('\n')).not.toContain(ACME.token);
  });

  it('does not start when the key that sealed stored tokens is gone, and says so in one line', async () => {
    t = await startTestApp({ oauth: {} });
    await install(t, ACME);
    const otherKey = `k2:${Buffer.alloc(32, 9).toString('base64')}`;
    await expect(startTestApp({ oauth: { tokenKeys: otherKey }, copyOf: t })).rejects.toThrow(
      /^TOKEN_ENCRYPTION_KEY lacks key "k1", which encrypted stored workspace tokens[^\n]*$/,
    );
  });
});
