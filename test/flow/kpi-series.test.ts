import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { kpiBlockId, kpiSeriesBlockId } from '../../src/kpi/present-kpi-modal.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import type { OpenedView } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addPeople, messageText, openFromCard, type StartedRetro, startRetro } from './retro-helpers.js';

/**
 * Three monthly retros in one channel follow their KPIs: the second starts from the first's KPIs and
 * targets, a renamed KPI is linked to its series, actions are linked to the KPI they are meant to move,
 * and the third's card and summary show each KPI's three values, the trend and its actions' state.
 */

const CHANNEL = 'C0KPISERIES';
const A = ACTION_ITEM_IDS;
const W = FIVE_WHYS_IDS.blocks;
const MONTH_MS = 30 * 86_400_000;

let t: TestApp;
const fac = () => t.user('UFAC', CHANNEL);

const kpiRows = (retroId: string) =>
  t.database.db
    .selectFrom('retro_kpis')
    .selectAll()
    .where('retro_id', '=', retroId)
    .orderBy('position')
    .execute();

async function kpiId(retroId: string, metric: string): Promise<string> {
  const row = (await kpiRows(retroId)).find((k) => k.metric === metric);
  if (!row) throw new Error(`no KPI ${metric}`);
  return row.id;
}

/** Closes through `/retro close` and returns the summary posted in the channel. */
async function close(retro: StartedRetro): Promise<RecordedCall> {
  const before = t.slack.calls.length;
  expect((await fac().command('close')).status).toBe(200);
  const summary = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === CHANNEL && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
    before,
  );
  await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
  // The KPI chart follows the summary into the thread: done before a test counts the export's upload.
  await t.rearview.features.outbox.flush();
  return summary;
}

/** Reveal, then end voting: action items start once discussion does. */
async function toDiscussion(retro: StartedRetro): Promise<void> {
  const before = t.slack.calls.length;
  await fac().press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
  await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
  const next = t.slack.calls.length;
  await fac().press(ACTIONS.startDiscussion, retro.id, { messageTs: retro.cardTs });
  await t.slack.waitForCall(
    'chat.update',
    (c) => c.body.ts === retro.cardTs && /Discuss/.test(messageText(c.body)),
    next,
  );
}

function cardText(retro: StartedRetro): string {
  const posted = t.slack.callsOf('chat.postMessage').find((c) => c.result?.ts === retro.cardTs);
  return messageText(posted?.body ?? {});
}

const block = (view: OpenedView, id: string) => view.blocks.find((b) => b.block_id === id);

const dueIn = (days: number) =>
  new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  addPeople(t, ['UFAC', 'UOWN']);
});
afterAll(() => t?.close());

describe('KPIs followed from retro to retro', () => {
  let october: StartedRetro;
  let november: StartedRetro;
  let december: StartedRetro;
  let fromMissedKpi: string;

  it('a first retro with KPIs', async () => {
    october = await startRetro(t, fac(), 'October', {
      [SETUP_IDS.blocks.kpis]: [
        'CAC | $180 | $230 | | lower',
        'MQLs | 500 | 450 | leads',
        'Win rate | 22% | 19%',
      ].join('\n'),
    });
    expect(cardText(october)).not.toContain('↳');
    await close(october);
  });

  it('the next setup modal starts from its KPIs and targets, actuals blank', async () => {
    t.clock.advance(MONTH_MS);
    const before = t.slack.calls.length;
    await fac().command('start November');
    const view = await fac().waitForView(before);
    const kpis = block(view, SETUP_IDS.blocks.kpis);
    expect(kpis?.element.initial_value).toBe(
      ['CAC | 180 | | USD | lower', 'MQLs | 500 | | leads | higher', 'Win rate | 22 | | % | higher'].join(
        '\n',
      ),
    );
    expect(kpis?.hint.text).toMatch(/^Carried from October; edit targets or remove lines\./);
  });

  it('a second retro: a renamed KPI, and the card lists what is still to fill in', async () => {
    november = await startRetro(t, fac(), 'November', {
      [SETUP_IDS.blocks.kpis]: [
        'CAC | 180 | 212 | USD | lower',
        'MQLs | 500 | | leads | higher',
        'Close rate | 22 | 20 | % | higher',
      ].join('\n'),
    });
    const card = cardText(november);
    expect(card).toContain('⏳ Still to fill in: MQLs — facilitators: *Update KPI actuals*');
    expect(card).toContain('_October_: $230 → _November_: $212 · improving, $18 better than last time');
    expect(card).not.toContain('Close rate*: 20% vs target 22%\n');
  });

  it('links the renamed KPI to its series in the KPI actuals modal; a forged series is refused inline', async () => {
    const view = await openFromCard(t, fac(), ACTIONS.editKpis, november);
    const closeRate = await kpiId(november.id, 'Close rate');
    const select = block(view, kpiSeriesBlockId(closeRate));
    // Only the series no KPI of this retro follows yet.
    expect(select?.element.options.map((o: any) => [o.text.text, o.value])).toEqual([
      ['Win rate', 'win rate'],
    ]);
    expect(block(view, kpiSeriesBlockId(await kpiId(november.id, 'CAC')))).toBeUndefined();

    const forged = await fac().submit(view, { [kpiSeriesBlockId(closeRate)]: 'pipeline' });
    expect(forged.json?.response_action).toBe('errors');
    expect(Object.keys(forged.json?.errors ?? {})).toEqual([kpiSeriesBlockId(closeRate)]);
    expect((await kpiRows(november.id)).find((k) => k.id === closeRate)?.series_key).toBe('close rate');

    const mqls = await kpiId(november.id, 'MQLs');
    const saved = await fac().submit(view, {
      [kpiSeriesBlockId(closeRate)]: 'win rate',
      [kpiBlockId(mqls)]: '480',
    });
    expect(saved.json?.response_action, JSON.stringify(saved.json)).toBeUndefined();
    const rows = await kpiRows(november.id);
    expect(rows.find((k) => k.id === closeRate)?.series_key).toBe('win rate');
    expect(rows.find((k) => k.id === mqls)?.actual).toBe(480);
    const card = await waitFor(
      () =>
        t.slack
          .callsOf('chat.update')
          .filter((c) => c.body.ts === november.cardTs)
          .map((c) => messageText(c.body))
          .find((text) => text.includes('_October_: 19% → _November_: 20%')),
      'the card with the linked series',
    );
    expect(card).not.toContain('Still to fill in');
  });

  it('links an action made from the missed KPI, and one with the KPI picked in the action modal', async () => {
    await toDiscussion(november);
    const cac = await kpiId(november.id, 'CAC');
    let before = t.slack.calls.length;
    const dmsBefore = before;
    await fac().press(A.actions.add, `kpi:${cac}`, { messageTs: november.cardTs });
    const fromKpi = await fac().waitForView(before);
    const kpiSelect = block(fromKpi, A.blocks.kpi);
    expect(kpiSelect?.label.text).toBe('Meant to move (KPI)');
    expect(kpiSelect?.element.initial_option.value).toBe('cac');
    const made = await fac().submit(fromKpi, {
      [A.blocks.text]: 'Cut paid social spend on the worst two campaigns',
      [A.blocks.owner]: 'UOWN',
      [A.blocks.due]: dueIn(14),
    });
    expect(made.json?.response_action, JSON.stringify(made.json)).toBeUndefined();

    before = t.slack.calls.length;
    await fac().command('action Refresh the retargeting audiences');
    const manual = await fac().waitForView(before);
    expect(block(manual, A.blocks.kpi)?.element.options.map((o: any) => o.text.text)).toEqual([
      'CAC',
      'MQLs',
      'Close rate',
    ]);
    const fields = {
      [A.blocks.text]: 'Refresh the retargeting audiences',
      [A.blocks.owner]: 'UOWN',
      [A.blocks.due]: dueIn(14),
    };
    const forged = await fac().submit(manual, { ...fields, [A.blocks.kpi]: 'pipeline' });
    expect(forged.json?.response_action).toBe('errors');
    expect(Object.keys(forged.json?.errors ?? {})).toEqual([A.blocks.kpi]);
    const picked = await fac().submit(manual, { ...fields, [A.blocks.kpi]: 'cac' });
    expect(picked.json?.response_action, JSON.stringify(picked.json)).toBeUndefined();

    const items = await waitFor(async () => {
      const rows = await t.database.db
        .selectFrom('action_items')
        .select(['id', 'title', 'kpi_series_key', 'source_type'])
        .where('channel_id', '=', CHANNEL)
        // Made at the same moment of the test clock.
        .orderBy('source_type')
        .execute();
      return rows.length === 2 ? rows : undefined;
    }, 'both action items');
    expect(items.map((i) => [i.source_type, i.kpi_series_key])).toEqual([
      ['kpi', 'cac'],
      ['manual', 'cac'],
    ]);
    fromMissedKpi = items[0]?.id ?? '';
    const dm = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === 'DOWN' && messageText(c.body).includes('Refresh the retargeting'),
      dmsBefore,
    );
    expect(messageText(dm.body)).toContain('Meant to move: *CAC*');
  });

  it('links an action made from a Five Whys chain that started at a missed KPI', async () => {
    const mqls = await kpiId(november.id, 'MQLs');
    let before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.startOn(1), `kpi:${mqls}`, { messageTs: november.cardTs });
    const whys = await fac().waitForView(before);
    const chained = await fac().submit(whys, {
      [W.why(1)]: 'Fewer webinar signups',
      [W.why(2)]: 'The invitation went out late',
      [W.rootCause]: 'No owner for the webinar calendar',
    });
    expect(chained.json?.response_action, JSON.stringify(chained.json)).toBeUndefined();
    const chain = await waitFor(
      () =>
        t.database.db
          .selectFrom('five_whys')
          .select(['id', 'source_type'])
          .where('retro_id', '=', november.id)
          .executeTakeFirst(),
      'the chain',
    );
    expect(chain.source_type).toBe('kpi');
    before = t.slack.calls.length;
    await fac().press(FIVE_WHYS_IDS.actions.toActionItem, chain.id);
    const view = await fac().waitForView(before);
    expect(block(view, A.blocks.kpi)?.element.initial_option.value).toBe('mqls');
    const made = await fac().submit(view, {
      [A.blocks.text]: 'Name an owner for the webinar calendar',
      [A.blocks.owner]: 'UOWN',
      [A.blocks.due]: dueIn(14),
    });
    expect(made.json?.response_action, JSON.stringify(made.json)).toBeUndefined();
    const item = await waitFor(
      () =>
        t.database.db
          .selectFrom('action_items')
          .select(['source_type', 'kpi_series_key'])
          .where('source_type', '=', 'root_cause')
          .executeTakeFirst(),
      'the action from the chain',
    );
    expect(item.kpi_series_key).toBe('mqls');
    await close(november);
  });

  it('the third retro shows each KPI’s three values, the trend and its linked actions’ state', async () => {
    const done = await t.user('UOWN', 'DOWN').press(A.actions.done, fromMissedKpi);
    expect(done.status).toBe(200);
    await waitFor(async () => {
      const row = await t.database.db
        .selectFrom('action_items')
        .select('status')
        .where('id', '=', fromMissedKpi)
        .executeTakeFirstOrThrow();
      return row.status === 'done' || undefined;
    }, 'the action marked done');

    t.clock.advance(MONTH_MS);
    december = await startRetro(t, fac(), 'December', {
      [SETUP_IDS.blocks.kpis]: [
        'CAC | 180 | 188 | USD | lower',
        'MQLs | 500 | | leads | higher',
        'Close rate | 22 | 21 | % | higher',
      ].join('\n'),
    });
    const card = cardText(december);
    expect(card).toContain(
      '     ↳ _October_: $230 → _November_: $212 → _December_: $188 · improving, $24 better than last time · 2 linked actions: 1 done, 1 open',
    );
    // The renamed KPI stays in its series when typed as it was last time.
    expect(card).toContain(
      '_October_: 19% → _November_: 20% → _December_: 21% · improving, 1 percentage point',
    );
    expect(card).toContain(
      '↳ Earlier: _October_: 450 leads → _November_: 480 leads · 1 linked action: 0 done, 1 open',
    );
    expect(card).toContain('⏳ Still to fill in: MQLs');

    const summary = messageText((await close(december)).body);
    expect(summary).toContain(
      '_October_: $230 → _November_: $212 → _December_: $188 · improving, $24 better than last time · 2 linked actions: 1 done, 1 open',
    );
    expect(summary).not.toContain('Still to fill in');
  });

  it('the export lists the values over time', async () => {
    const before = t.slack.calls.length;
    await fac().command('export');
    await t.slack.waitForCall('files.completeUploadExternal', () => true, before);
    const content = t.slack.uploads.at(-1)?.content ?? '';
    expect(content).toContain(
      '- **CAC**: October: $230 → November: $212 → December: $188 · improving, $24 better than last time · 2 linked actions: 1 done, 1 open',
    );
  });
});
