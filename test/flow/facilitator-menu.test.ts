import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHASE_CHANGE_IDS } from '../../src/phase-change/phase-change.ids.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { buttonOption } from '../../src/slack/blocks.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  ephemeralsTo,
  expectFeedbackSaved,
  messageText,
  phaseOf,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/** Participants see the buttons they can use; facilitators' controls are in one menu. */

let t: TestApp;
let retro: StartedRetro;
const CHANNEL = 'C0MENU';

beforeAll(async () => {
  t = await startTestApp();
  for (const id of ['UFAC', 'U1']) t.slack.addUser({ id, name: id.toLowerCase() });
  retro = await startRetro(t, t.user('UFAC', CHANNEL), 'Partner launch');
  expectFeedbackSaved(await addFeedback(t, t.user('U1', CHANNEL), retro, { start: 'Joint webinar' }, false));
});
afterAll(() => t?.close());

/** The card's action row as last posted or edited. */
function cardRow(): Record<string, any>[] {
  const calls = t.slack.calls.filter(
    (c) =>
      (c.method === 'chat.update' && c.body.ts === retro.cardTs) ||
      (c.method === 'chat.postMessage' && c.result?.ts === retro.cardTs),
  );
  const blocks = (calls.at(-1)?.body.blocks ?? []) as Record<string, any>[];
  return blocks.filter((b) => b.type === 'actions').at(-1)?.elements ?? [];
}

/** A choice in the card's facilitator menu, as Slack sends it. */
function choose(userId: string, actionId: string, value: string) {
  return t.sender.blockAction(
    { userId, channelId: CHANNEL },
    { actionId: ACTIONS.facilitatorMenu, selectedOption: buttonOption(actionId, value) },
    { messageTs: retro.cardTs },
  );
}

describe('the retro card’s buttons', () => {
  it('shows everyone what they can press, and the facilitators’ controls in one menu', () => {
    const row = cardRow();
    expect(row.length).toBeLessThanOrEqual(3);
    expect(row.filter((e) => e.type === 'button').map((e) => e.text.text)).toEqual([
      'Add feedback',
      'My feedback',
    ]);
    const menu = row.find((e) => e.type === 'overflow');
    expect(menu?.options.map((o: { text: { text: string } }) => o.text.text)).toEqual([
      'Reveal & start voting',
      'Update KPI actuals',
      'Cancel retro…',
    ]);
  });

  it('reveals from the menu, for a facilitator', async () => {
    await choose('UFAC', ACTIONS.startVoting, retro.id);
    await waitFor(async () => (await phaseOf(t, retro.id)) === 'voting' || undefined, 'the reveal');
    await waitFor(
      () => cardRow().some((e) => e.type === 'button' && e.text.text === 'Vote') || undefined,
      'the voting card',
    );
    const row = cardRow();
    expect(row.filter((e) => e.type === 'button').map((e) => e.text.text)).toEqual(['Vote', 'Five Whys']);
  });

  it('tells someone who is not a facilitator, privately, and opens nothing', async () => {
    const before = t.slack.calls.length;
    await choose('U1', ACTIONS.confirmPhase, `closed:${retro.id}`);
    await waitFor(() => ephemeralsTo(t, 'U1', before).find((m) => m.includes('facilitators')), 'the refusal');
    expect(t.slack.calls.slice(before).some((c) => c.method === 'views.open')).toBe(false);
    expect(await phaseOf(t, retro.id)).toBe('voting');
  });

  it('asks a facilitator before closing, then closes and posts the summary', async () => {
    const before = t.slack.calls.length;
    await choose('UFAC', ACTIONS.confirmPhase, `closed:${retro.id}`);
    const view = await t.user('UFAC', CHANNEL).waitForView(before);
    expect(view.callback_id).toBe(PHASE_CHANGE_IDS.confirm.closed);
    expect(messageText({ blocks: view.blocks })).toContain('The summary is posted in the channel');
    expect(await phaseOf(t, retro.id)).toBe('voting');

    await t.user('UFAC', CHANNEL).submit(view);
    await waitFor(async () => (await phaseOf(t, retro.id)) === 'closed' || undefined, 'the close');
    await t.slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.body.channel === CHANNEL && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
      before,
    );
  });
});
