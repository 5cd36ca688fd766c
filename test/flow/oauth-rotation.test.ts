import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { install } from './oauth-helpers.js';

// Installed with a token that expires in a minute: well inside the two hours before expiry in which
// Bolt refreshes, so the first use of it refreshes it.
const ACME = {
  teamId: 'T0ACME',
  code: 'code-acme',
  token: 'xoxb-acme',
  botUserId: 'UBOTACME',
  expiresIn: 60,
};

let apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.reverse()) await app.close();
  apps = [];
});

const refreshes = (t: TestApp) =>
  t.slack.callsOf('oauth.v2.access').filter((c) => c.body.grant_type === 'refresh_token');

describe('token rotation', () => {
  it('refreshes an expiring token once, though three copies of the bot need it at the same moment', async () => {
    const first = await startTestApp({ oauth: {} });
    apps.push(first);
    apps.push(await startTestApp({ oauth: {}, copyOf: first }));
    apps.push(await startTestApp({ oauth: {}, copyOf: first }));
    expect((await install(first, ACME)).status).toBe(200);
    const installed = first.slack.callsOf('oauth.v2.access').at(-1)?.result?.access_token as string;

    const before = first.slack.calls.length;
    // Work with no request behind it (jobs, the outbox) asks for the token itself.
    await Promise.all(apps.map((app) => app.rearview.features.clientFor(ACME.teamId).auth.test()));

    expect(refreshes(first)).toHaveLength(1);
    const refreshed = refreshes(first)[0]?.result?.access_token as string;
    expect(refreshed).toMatch(/^xoxb-acme-/);
    expect(refreshed).not.toBe(installed);
    const tests = first.slack.calls.slice(before).filter((c) => c.method === 'auth.test');
    expect(tests.map((c) => c.token)).toEqual([refreshed, refreshed, refreshed]);

    // Stored refreshed, sealed like the first: the next use neither refreshes nor shows the token.
    await first.rearview.features.clientFor(ACME.teamId).auth.test();
    expect(refreshes(first)).toHaveLength(1);
    const raw = JSON.stringify(await first.database.db.selectFrom('installations').selectAll().execute());
    expect(raw).not.toContain('xoxb-');
    expect(raw).not.toContain('xoxe-');
  });
});
