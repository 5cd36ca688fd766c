import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, insertActionItems, messageText, openFromCard, startRetro } from './retro-helpers.js';

describe('retro details', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t?.close());

  it('lets a facilitator fill in KPI actuals, with inline errors for what is not a number', async () => {
    const retro = await startRetro(t, t.user('UFAC'), 'Paid social', {
      kpis: 'MQLs | 500 | | leads | higher\nCost per lead | 40 | | USD | lower',
    });
    const view = await openFromCard(t, t.user('UFAC'), ACTIONS.editKpis, retro);
    const kpis = await t.database.db.selectFrom('retro_kpis').selectAll().orderBy('position').execute();
    const [mqls, cpl] = kpis.map((k) => `kpi_${k.id}`);
    const bad = await t.user('UFAC').submit(view, { [mqls ?? '']: 'lots', [cpl ?? '']: '35' });
    expect(bad.json?.response_action).toBe('errors');
    expect(bad.json?.errors?.[mqls ?? '']).toContain('"lots" is not a number');
    const before = t.slack.calls.length;
    const good = await t.user('UFAC').submit(view, { [mqls ?? '']: '1,200', [cpl ?? '']: '$35' });
    expect(good.json?.response_action).toBeUndefined();
    const stored = await t.database.db
      .selectFrom('retro_kpis')
      .select(['metric', 'actual'])
      .orderBy('position')
      .execute();
    expect(stored).toEqual([
      { metric: 'MQLs', actual: 1200 },
      { metric: 'Cost per lead', actual: 35 },
    ]);
    const card = await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
    expect(messageText(card.body)).toContain(
      '✅ *MQLs*: 1,200 leads vs target 500 leads · met, 700 leads better than target (+140.0%)',
    );
  });

  it('says on the card how the previous retro’s action items went', async () => {
    const first = await startRetro(t, t.user('UFAC'), 'Q2 review');
    await insertActionItems(t, [
      { title: 'a', ownerId: 'U1', dueDate: '2026-01-01', status: 'done', retroId: first.id },
      { title: 'b', ownerId: 'U1', dueDate: '2026-01-01', status: 'done', retroId: first.id },
      { title: 'c', ownerId: 'U1', dueDate: '2026-01-01', status: 'open', retroId: first.id },
    ]);
    await t.user('UFAC').command('close');
    await t.slack.waitForCall('chat.postMessage', (c) => /summary/i.test(String(c.body.text)));
    t.clock.advance(60_000);
    const second = await startRetro(t, t.user('UFAC'), 'Q3 review');
    const card = t.slack.calls.find((c) => c.method === 'chat.postMessage' && c.result?.ts === second.cardTs);
    expect(messageText(card?.body ?? {})).toContain('Last retro: 2 of 3 actions done, 1 still open');
  });

  it('reveals each section shuffled, not in the order it was written', async () => {
    const retro = await startRetro(t, t.user('UFAC'), 'Newsletter');
    const lines = Array.from({ length: 30 }, (_, i) => `idea number ${String(i).padStart(2, '0')}`);
    await addFeedback(t, t.user('U1'), retro, { start: lines.join('\n\n') }, true);
    const before = t.slack.calls.length;
    await t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    // The reveal may take more than one message; wait until every item is posted.
    const text = await waitFor(() => {
      const posted = t.slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === retro.cardTs)
        .map((c) => messageText(c.body))
        .join('\n');
      return lines.every((l) => posted.includes(l)) && posted;
    }, 'every revealed item');
    const revealed = [...lines].sort((a, b) => text.indexOf(a) - text.indexOf(b));
    // 30 items coming out in the written order by chance: about one in 10^32.
    expect(revealed).not.toEqual(lines);
    expect(new Set(revealed)).toEqual(new Set(lines));
  });
});
