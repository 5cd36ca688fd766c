import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesKeyOf } from '../../src/retro/kpi.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { insertActionItems, messageText, type StartedRetro, startRetro } from './retro-helpers.js';

/** `/retro history` and the Home tab's History: a channel's retros in order, with what came of them. */

const CHANNEL = 'C0HIST';
// The reader is in Los Angeles: some retros end after midnight UTC but before it on their clock.
const READER = 'UFAC';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: READER, name: 'Fran', tz: 'America/Los_Angeles' });
  t.slack.addUser({ id: 'UTOKYO', name: 'Toshi', tz: 'Asia/Tokyo' });
});
afterAll(() => t?.close());

async function startAt(at: string, title: string): Promise<StartedRetro> {
  t.clock.set(new Date(at));
  return startRetro(t, t.user(READER, CHANNEL), title);
}

async function endAt(retro: StartedRetro, at: string, phase: 'closed' | 'cancelled' = 'closed') {
  await t.database.db
    .updateTable('retros')
    .set({ phase, closed_at: new Date(at) })
    .where('id', '=', retro.id)
    .execute();
}

async function kpis(
  retro: StartedRetro,
  rows: { metric: string; target: number; actual: number | null; higher?: boolean }[],
) {
  // Exactly these: the setup modal may have carried the channel's last KPIs over.
  await t.database.db.deleteFrom('retro_kpis').where('retro_id', '=', retro.id).execute();
  await t.database.db
    .insertInto('retro_kpis')
    .values(
      rows.map((k, position) => ({
        id: randomUUID(),
        team_id: t.slack.teamId,
        retro_id: retro.id,
        position,
        metric: k.metric,
        target: k.target,
        actual: k.actual,
        higher_is_better: k.higher ?? true,
        series_key: seriesKeyOf(k.metric),
      })),
    )
    .execute();
}

const link = (retro: StartedRetro) =>
  `https://fake.slack.test/archives/${CHANNEL}/p${retro.cardTs.replace('.', '')}`;

async function history(userId: string, channel: string): Promise<string> {
  const before = t.slack.responses.length;
  const reply = await t.user(userId, channel).command('history');
  expect(reply.status).toBe(200);
  const posted = await t.slack.waitForResponse(() => true, before);
  expect(posted.body.response_type).toBe('ephemeral');
  return messageText(posted.body);
}

describe('retro history', () => {
  let first: StartedRetro;
  let second: StartedRetro;
  let third: StartedRetro;

  beforeAll(async () => {
    first = await startAt('2026-11-24T15:00:00Z', 'November retro');
    await kpis(first, [
      { metric: 'CAC', target: 180, actual: 188, higher: false },
      { metric: 'Leads', target: 1000, actual: 1200 },
      { metric: 'MQLs', target: 50, actual: null },
    ]);
    await insertActionItems(t, [
      {
        title: 'Fix the partner email',
        ownerId: 'U1',
        dueDate: '2026-12-01',
        retroId: first.id,
        status: 'done',
      },
      { title: 'Brief sales', ownerId: 'U2', dueDate: '2026-12-01', retroId: first.id },
      { title: 'Dropped idea', ownerId: 'U2', dueDate: '2026-12-01', retroId: first.id, status: 'cancelled' },
    ]);
    // 05:00 UTC on the 27th is still the 26th in Los Angeles.
    await endAt(first, '2026-11-27T05:00:00Z');

    const cancelled = await startAt('2026-11-30T16:00:00Z', 'Started by mistake');
    await endAt(cancelled, '2026-11-30T16:05:00Z', 'cancelled');

    second = await startAt('2026-12-01T16:00:00Z', 'December retro');
    await kpis(second, [
      { metric: 'CAC', target: 180, actual: 170, higher: false },
      { metric: 'Leads', target: 1000, actual: 1000 },
      { metric: 'Pipeline', target: 2, actual: 2.5 },
    ]);
    await endAt(second, '2026-12-03T07:00:00Z');

    third = await startAt('2026-12-08T16:00:00Z', 'Holiday campaign retro');
    await insertActionItems(t, [
      { title: 'Plan the January push', ownerId: 'U1', dueDate: '2026-12-20', retroId: third.id },
    ]);
  });

  it("lists the channel's retros oldest first with their days on the reader's clock and their figures", async () => {
    const text = await history(READER, CHANNEL);
    const lines = text.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toEqual([
      `• *<${link(first)}|November retro>* — Nov 24 – Nov 26 · KPIs met: 1 of 2 · Actions: 1 done of 2`,
      `• *<${link(second)}|December retro>* — Dec 1 – Dec 2 · KPIs met: 3 of 3 · no actions`,
      `• *<${link(third)}|Holiday campaign retro>* — since Dec 8 (running) · no KPIs reviewed · Actions: 0 done of 1`,
    ]);
    expect(text).toContain('Dates on your clock (America/Los_Angeles).');
    expect(text).not.toContain('Started by mistake');
  });

  it("dates them on each reader's own clock", async () => {
    const text = await history('UTOKYO', CHANNEL);
    // 15:00 UTC on the 24th is midnight on the 25th in Tokyo.
    expect(text).toContain('November retro>* — Nov 25 – Nov 27');
    expect(text).toContain('Dates on your clock (Asia/Tokyo).');
  });

  it('says what to do in a channel with no retro yet', async () => {
    const text = await history(READER, 'C0NOTHING');
    expect(text).toContain('No retro has run in <#C0NOTHING> yet');
    expect(text).toContain('/retro start &lt;title&gt;');
  });

  it('shows the last finished retros of my channels in the Home tab', async () => {
    const before = t.slack.calls.length;
    await t.sender.event({ type: 'app_home_opened', user: READER, channel: 'DFAC', tab: 'home' });
    const call = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === READER, before);
    const text = messageText({ blocks: call.body.view.blocks });
    const section = text.slice(text.indexOf('History'));
    expect(section).toContain(
      `• *<${link(second)}|December retro>* in <#${CHANNEL}> — Dec 1 – Dec 2 · KPIs met: 3 of 3 · no actions`,
    );
    expect(section).toContain(`November retro>* in <#${CHANNEL}> — Nov 24 – Nov 26 · KPIs met: 1 of 2`);
    expect(section.indexOf('December retro')).toBeLessThan(section.indexOf('November retro'));
    expect(section).not.toContain('Holiday campaign retro');
  });
});
