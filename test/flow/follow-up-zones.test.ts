import { afterEach, describe, expect, it } from 'vitest';
import { queueNudges, refreshTimeZones } from '../../src/follow-up/follow-up.service.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { ACME, GLOBEX, install } from './oauth-helpers.js';
import { addPeople, insertActionItems } from './retro-helpers.js';

/**
 * Owners' zones, kept for the weekly nudge: asked of Slack once a week at most, with each workspace's own
 * token, and changed at once when Slack says a person's zone changed.
 */

/** Monday 00:00 UTC: 09:00 in Tokyo. */
const MONDAY_TOKYO_NINE = new Date('2026-11-30T00:00:00Z');

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const keptZone = (app: TestApp, teamId: string, userId: string) =>
  app.database.db
    .selectFrom('user_time_zones')
    .select('tz')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

describe('owners’ zones', () => {
  it('keeps a zone Slack says changed, so the next nudge comes at 09:00 where the owner is now', async () => {
    t = await startTestApp();
    const app = t;
    const team = app.slack.teamId;
    addPeople(app, ['U0ANNA'], 'America/New_York');
    await insertActionItems(app, [
      { title: 'Refresh the launch deck', ownerId: 'U0ANNA', dueDate: '2026-12-20' },
    ]);
    await refreshTimeZones(app.rearview.features, app.clock.now());
    expect(await keptZone(app, team, 'U0ANNA')).toEqual({ tz: 'America/New_York' });
    const asked = app.slack.countOf('users.info');

    // Anna flies to Tokyo; Slack sends user_change with her new zone. Someone without a kept zone is not added.
    const changes: [string, string][] = [
      ['U0ANNA', 'Asia/Tokyo'],
      ['U0STRANGER', 'Europe/Paris'],
    ];
    for (const [id, tz] of changes) {
      const reply = await app.sender.event({
        type: 'user_change',
        user: { id, team_id: team, name: id.toLowerCase(), tz, tz_offset: 0, is_bot: false },
      });
      expect(reply.status).toBe(200);
    }
    await waitFor(
      async () => ((await keptZone(app, team, 'U0ANNA'))?.tz === 'Asia/Tokyo' ? true : undefined),
      'the new zone kept',
    );
    expect(await keptZone(app, team, 'U0STRANGER')).toBeUndefined();

    // A fresh zone is not asked of Slack again in the next round, and the nudge follows the new zone.
    await refreshTimeZones(app.rearview.features, app.clock.now());
    expect(app.slack.countOf('users.info')).toBe(asked);
    expect(await queueNudges(app.rearview.features, MONDAY_TOKYO_NINE)).toBe(1);
    expect(await queueNudges(app.rearview.features, new Date('2026-11-30T14:00:00Z'))).toBe(0);
  });

  it('asks each workspace’s zones with its own token when installed by OAuth', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    for (const workspace of [ACME, GLOBEX]) expect((await install(app, workspace)).status).toBe(200);
    addPeople(app, ['U0ANNA'], 'Europe/Berlin');
    addPeople(app, ['U0BEN'], 'Asia/Singapore');
    await insertActionItems(app, [
      { teamId: ACME.teamId, title: 'Acme item', ownerId: 'U0ANNA', dueDate: '2026-12-20' },
      { teamId: GLOBEX.teamId, title: 'Globex item', ownerId: 'U0BEN', dueDate: '2026-12-20' },
    ]);
    await refreshTimeZones(app.rearview.features, app.clock.now());
    const calls = app.slack.callsOf('users.info');
    expect(calls.map((c) => [c.body.user, c.token]).sort()).toEqual([
      ['U0ANNA', ACME.token],
      ['U0BEN', GLOBEX.token],
    ]);
    expect(await keptZone(app, ACME.teamId, 'U0ANNA')).toEqual({ tz: 'Europe/Berlin' });
    expect(await keptZone(app, GLOBEX.teamId, 'U0BEN')).toEqual({ tz: 'Asia/Singapore' });
  });

  it('asks again with the token looked up afresh when Slack refuses the one kept, rather than keeping no zone', async () => {
    t = await startTestApp({ oauth: {} });
    const app = t;
    expect((await install(app, ACME)).status).toBe(200);
    addPeople(app, ['U0ANNA'], 'Europe/Berlin');
    addPeople(app, ['U0CARL'], 'America/Chicago');
    addPeople(app, ['U0DORA'], 'Asia/Tokyo');
    await insertActionItems(app, [
      { teamId: ACME.teamId, title: 'Acme item', ownerId: 'U0ANNA', dueDate: '2026-12-20' },
    ]);
    // The first ask keeps the workspace's token for a minute.
    await refreshTimeZones(app.rearview.features, app.clock.now());
    expect(await keptZone(app, ACME.teamId, 'U0ANNA')).toEqual({ tz: 'Europe/Berlin' });

    // Slack refuses the kept token once (the app was reinstalled, say): Carl's zone is still asked and kept.
    await insertActionItems(app, [
      { teamId: ACME.teamId, title: 'Carl item', ownerId: 'U0CARL', dueDate: '2026-12-20' },
    ]);
    app.slack.refuse(
      'users.info',
      (body) => body.user === 'U0CARL',
      { kind: 'error', error: 'invalid_auth' },
      1,
    );
    await refreshTimeZones(app.rearview.features, app.clock.now());
    expect(await keptZone(app, ACME.teamId, 'U0CARL')).toEqual({ tz: 'America/Chicago' });
    expect(app.slack.callsOf('users.info').filter((c) => c.body.user === 'U0CARL')).toHaveLength(2);

    // Refused with a fresh token too: the token is truly gone, and after two tries the workspace zone applies.
    await insertActionItems(app, [
      { teamId: ACME.teamId, title: 'Dora item', ownerId: 'U0DORA', dueDate: '2026-12-20' },
    ]);
    app.slack.refuse(
      'users.info',
      (body) => body.user === 'U0DORA',
      { kind: 'error', error: 'invalid_auth' },
      5,
    );
    await refreshTimeZones(app.rearview.features, app.clock.now());
    expect(app.slack.callsOf('users.info').filter((c) => c.body.user === 'U0DORA')).toHaveLength(2);
    expect(await keptZone(app, ACME.teamId, 'U0DORA')).toEqual({ tz: null });
  });
});
