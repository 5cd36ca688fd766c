import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHO_MAY_EDIT } from '../../src/settings/present-settings-modal.js';
import { SETTINGS_IDS } from '../../src/settings/settings.ids.js';
import { nudgeMomentOf } from '../../src/settings/settings.service.js';
import type { OpenedView } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { startRetro } from './retro-helpers.js';

const B = SETTINGS_IDS.blocks;
const TEAM = 'T0TEAM';

describe('/retro settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    t.slack.addUser({ id: 'UFAC', name: 'Fran' });
    t.slack.addUser({ id: 'UADMIN', name: 'Ada', isAdmin: true });
    t.slack.addUser({ id: 'UPLAIN', name: 'Pat' });
    await startRetro(t, t.user('UFAC'), 'Spring campaign');
  });
  afterAll(() => t?.close());

  async function open(userId: string): Promise<OpenedView> {
    const before = t.slack.calls.length;
    const reply = await t.user(userId).command('settings');
    expect(reply.status).toBe(200);
    const view = await t.user(userId).waitForView(before);
    expect(view.callback_id).toBe(SETTINGS_IDS.view);
    return view;
  }

  const inputs = (view: OpenedView) => view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
  const workspace = () =>
    t.database.db.selectFrom('workspace_settings').selectAll().where('team_id', '=', TEAM).executeTakeFirst();

  it('checks the hour and the zone inline, then saves what a facilitator set', async () => {
    const view = await open('UFAC');
    expect(inputs(view)).toEqual([
      B.weekday,
      B.hour,
      B.timeZone,
      B.digest,
      B.digestChannel,
      B.channelCanvas,
      B.optOut,
    ]);
    expect(JSON.stringify(view.blocks)).toContain(WHO_MAY_EDIT.slice(0, 40));

    const bad = await t.user('UFAC').submit(view, { [B.hour]: '25', [B.timeZone]: 'Mars/Olympus' });
    expect(bad.json?.response_action).toBe('errors');
    expect(Object.keys(bad.json?.errors ?? {}).sort()).toEqual([B.hour, B.timeZone].sort());
    expect(await workspace()).toBeUndefined();

    const saved = await t.user('UFAC').submit(view, {
      [B.weekday]: '3',
      [B.hour]: '14',
      [B.timeZone]: 'Europe/Berlin',
      [B.digest]: false,
      [B.digestChannel]: 'CDIGEST',
    });
    expect(saved.json?.response_action).toBeUndefined();
    expect(await workspace()).toMatchObject({
      nudge_weekday: 3,
      nudge_time: '14:00',
      default_tz: 'Europe/Berlin',
      digest_enabled: false,
      digest_channel_id: 'CDIGEST',
    });
    // UFAC's own zone is not known: the workspace's applies, and is named as the workspace's.
    expect(await nudgeMomentOf(t.database.db, TEAM, 'UFAC')).toBe('Wednesdays at 14:00 Europe/Berlin time');
  });

  it('lets a workspace admin who never facilitated change the workspace settings', async () => {
    const view = await open('UADMIN');
    expect(inputs(view)).toContain(B.hour);
    const saved = await t.user('UADMIN').submit(view, { [B.hour]: '08:00' });
    expect(saved.json?.response_action).toBeUndefined();
    expect((await workspace())?.nudge_time).toBe('08:00');
  });

  it('gives everyone else only their own opt-out, and refuses workspace fields from them', async () => {
    const facilitatorView = await open('UFAC');
    const view = await open('UPLAIN');
    expect(inputs(view)).toEqual([B.optOut]);

    const refused = await t.user('UPLAIN').submit(facilitatorView, { [B.hour]: '06' });
    expect(refused.json?.response_action).toBe('errors');
    expect(Object.keys(refused.json?.errors ?? {})).toContain(B.hour);
    expect((await workspace())?.nudge_time).toBe('08:00');

    const saved = await t.user('UPLAIN').submit(view, { [B.optOut]: true });
    expect(saved.json?.response_action).toBeUndefined();
    const row = await t.database.db
      .selectFrom('user_settings')
      .selectAll()
      .where('user_id', '=', 'UPLAIN')
      .executeTakeFirstOrThrow();
    expect(row.nudges_opt_out).toBe(true);
    expect(await nudgeMomentOf(t.database.db, TEAM, 'UPLAIN')).toContain('turned weekly nudges off');
  });
});
