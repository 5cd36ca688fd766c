import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiBlockId } from '../../src/kpi/present-kpi-modal.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addPeople, messageText, openFromCard, type StartedRetro, startRetro } from './retro-helpers.js';

/**
 * Closing a retro with KPIs uploads its KPI chart into the retro's thread, after the summary; when Slack
 * refuses the file, the summary is out all the same and the facilitator is told once.
 */

const SHOWN = 'C0CHARTS';
const REFUSED = 'C0NOFILES';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  addPeople(t, ['UFAC']);
});
afterAll(() => t?.close());

async function closeWithKpis(
  channel: string,
  title: string,
): Promise<{ retro: StartedRetro; summary: RecordedCall }> {
  const fac = t.user('UFAC', channel);
  const retro = await startRetro(t, fac, title, {
    [SETUP_IDS.blocks.kpis]: ['Pipeline | 100 | 80 | k$', 'CAC | $180 | $165 | | lower'].join('\n'),
  });
  const before = t.slack.calls.length;
  expect((await fac.command('close')).status).toBe(200);
  const summary = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === channel && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
    before,
  );
  return { retro, summary };
}

const dmsTo = (userId: string) =>
  t.slack
    .callsOf('chat.postMessage')
    .filter(
      (c) => c.body.channel === `D${userId.replace(/^U/, '')}` && /KPI chart/.test(messageText(c.body)),
    );

describe('the KPI chart of a closed retro', () => {
  it('is uploaded into the retro’s thread, with the numbers in its alt text', async () => {
    const { retro, summary } = await closeWithKpis(SHOWN, 'Q3 launch');
    const completed = await t.slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.body.channel_id === SHOWN,
    );
    expect(completed.body.thread_ts).toBe(retro.cardTs);
    expect(completed.body.files).toEqual([{ id: expect.any(String), title: 'KPIs of Q3 launch' }]);
    // After the summary, on the channel's queue.
    expect(t.slack.calls.indexOf(completed)).toBeGreaterThan(t.slack.calls.indexOf(summary));
    const asked = t.slack.callsOf('files.getUploadURLExternal').at(-1);
    expect(asked?.body.filename).toBe('Q3-launch-kpis.png');
    expect(asked?.body.alt_text).toContain(
      'Pipeline: actual 80 k$, target 100 k$, missed (higher is better)',
    );
    expect(asked?.body.alt_text).toContain('CAC: actual $165, target $180, met (lower is better)');
    const upload = t.slack.uploads.find((u) => u.fileId === completed.body.files[0].id);
    expect([...(upload?.bytes.subarray(0, 8) ?? [])]).toEqual(PNG_SIGNATURE);
    expect(Number(asked?.body.length)).toBe(upload?.bytes.length);

    // Sent once: another pass of the outbox uploads nothing more.
    const uploads = t.slack.countOf('files.completeUploadExternal');
    await t.rearview.features.outbox.flush();
    expect(t.slack.countOf('files.completeUploadExternal')).toBe(uploads);
  });

  it('when Slack refuses the file, the summary still goes out and the facilitator is told once', async () => {
    t.slack.refuse('files.completeUploadExternal', (body) => body.channel_id === REFUSED, {
      kind: 'error',
      error: 'not_allowed_token_type',
    });
    const { summary } = await closeWithKpis(REFUSED, 'Q4 launch');
    expect(messageText(summary.body)).toContain('Pipeline');
    await t.slack.waitForCall('files.completeUploadExternal', (c) => c.body.channel_id === REFUSED);
    await t.rearview.features.outbox.flush();
    await t.rearview.features.outbox.flush();
    const told = dmsTo('UFAC');
    expect(told).toHaveLength(1);
    expect(messageText(told[0]?.body ?? {})).toContain('Q4 launch');
    expect(messageText(told[0]?.body ?? {})).toContain('not_allowed_token_type');
    expect(
      t.slack.callsOf('files.completeUploadExternal').filter((c) => c.body.channel_id === REFUSED),
    ).toHaveLength(1);
  });

  it('joins the KPI review once every KPI has its actual, and only then', async () => {
    const channel = 'C0REVIEW';
    const fac = t.user('UFAC', channel);
    const retro = await startRetro(t, fac, 'Q1 review', {
      [SETUP_IDS.blocks.kpis]: ['Pipeline | 100 | 80 | k$', 'MQLs | 500 | | leads'].join('\n'),
    });
    const inThread = () =>
      t.slack.callsOf('files.completeUploadExternal').filter((c) => c.body.channel_id === channel);
    const mqls = await t.database.db
      .selectFrom('retro_kpis')
      .select('id')
      .where('retro_id', '=', retro.id)
      .where('metric', '=', 'MQLs')
      .executeTakeFirstOrThrow();
    const save = async (value: string) => {
      const view = await openFromCard(t, fac, ACTIONS.editKpis, retro);
      const saved = await fac.submit(view, { [kpiBlockId(mqls.id)]: value });
      expect(saved.json?.response_action, JSON.stringify(saved.json)).toBeUndefined();
      await t.rearview.features.outbox.flush();
    };

    await save('');
    expect(inThread()).toHaveLength(0);
    await save('450');
    await t.slack.waitForCall('files.completeUploadExternal', (c) => c.body.channel_id === channel);
    expect(inThread()[0]?.body.thread_ts).toBe(retro.cardTs);
    // A correction later does not post the chart again; the close posts the final one.
    await save('470');
    expect(inThread()).toHaveLength(1);
  });
});
