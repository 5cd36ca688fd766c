import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIET_MS } from '../../src/retro/card-counts.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { cardEditSettled } from './card-helpers.js';
import {
  addFeedback,
  expectFeedbackSaved,
  messageText,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/** The card's counters never single out one submission (a watcher must not learn who wrote how many). */

let t: TestApp;
let retro: StartedRetro;
const CHANNEL = 'C0COUNTS';

beforeAll(async () => {
  t = await startTestApp();
  for (const id of ['UFAC', 'U1', 'U2', 'U3', 'U4']) t.slack.addUser({ id, name: id.toLowerCase() });
  retro = await startRetro(t, t.user('UFAC', CHANNEL), 'Spring campaign');
});
afterAll(() => t?.close());

/** The card as the channel sees it now (an edit that would change nothing is not sent). */
function card(): string {
  const last = t.slack
    .callsOf('chat.update')
    .filter((c) => c.body.ts === retro.cardTs)
    .at(-1);
  return messageText(last?.body ?? {});
}

/** One person's submission, then the card once the edit it leads to has been sent (or found unneeded). */
async function submit(userId: string, items: string[]): Promise<string> {
  t.clock.advance(1_000);
  const text = items.map((i) => `- ${i}`).join('\n');
  expectFeedbackSaved(await addFeedback(t, t.user(userId, CHANNEL), retro, { start: text }, true));
  await cardEditSettled(t, retro);
  return card();
}

describe('the retro card while feedback is collected', () => {
  it('does not move its counts a moment after one person’s submission, nor does /retro status', async () => {
    const card = await submit('U1', ['Webinar series', 'Partner page', 'Case study']);
    expect(card).toContain('👥 0 contributors · 📝 0 items');
    const status = await t.user('U4', CHANNEL).command('status');
    expect(messageText(status.json ?? {})).toContain('👥 0 contributors · 📝 0 items');
  });

  it('moves them in a step that covers three people', async () => {
    expect(await submit('U2', ['Shorter forms'])).toContain('👥 0 contributors · 📝 0 items');
    await submit('U3', ['Earlier briefs', 'One owner per asset']);
    // The edit is paced (one every two seconds per card), so it may follow a moment later.
    await waitFor(() => card().includes('👥 3 contributors · 📝 6 items') || undefined, 'the step');
  });

  it('holds a lone submission back until a quiet spell has passed, then catches up', async () => {
    expect(await submit('U4', ['Fewer launch dates'])).toContain('👥 3 contributors · 📝 6 items');

    const before = t.slack.calls.length;
    t.clock.advance(QUIET_MS - 60_000);
    await t.rearview.scheduler?.tick();
    await t.rearview.features.outbox.flush();
    // An edit of the lone submission may still go out (its turn is paced), but it shows no new count.
    const early = t.slack.calls.slice(before).filter((c) => c.method === 'chat.update');
    expect(
      early.map((c) => messageText(c.body)).filter((text) => !text.includes('👥 3 contributors')),
    ).toEqual([]);

    t.clock.advance(60_000);
    await t.rearview.scheduler?.tick();
    const edit = await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('👥 4'),
      before,
    );
    expect(messageText(edit.body)).toContain('👥 4 contributors · 📝 7 items');
  });
});
