import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  addPeople,
  expectFeedbackSaved,
  messageText,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/**
 * Three launch retros in a row in one channel, each saying in other words that legal review came late:
 * the third reveal marks the item with the two earlier retros, the summary lists it under *Recurring
 * themes*, and nothing in either ties it to whoever said it before.
 */

const CHANNEL = 'C0THEMES';
const DAY_MS = 86_400_000;
const AUTHORS = ['UANNA', 'UBEN', 'UCARA'];

let t: TestApp;
const fac = () => t.user('UFAC', CHANNEL);

interface Played {
  reveal: string;
  summary: string;
}

/** Starts a retro, adds the items, reveals them and closes it; what the reveal and the summary said. */
async function playRetro(
  title: string,
  items: { userId: string; stop: string; anonymous: boolean }[],
): Promise<Played> {
  const retro: StartedRetro = await startRetro(t, fac(), title);
  for (const item of items) {
    expectFeedbackSaved(
      await addFeedback(t, t.user(item.userId, CHANNEL), retro, { stop: item.stop }, item.anonymous),
    );
  }
  const revealFrom = t.slack.calls.length;
  await fac().press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
  const revealPost = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.thread_ts === retro.cardTs && String(c.body.text).startsWith('Feedback for'),
    revealFrom,
  );
  const closeFrom = t.slack.calls.length;
  expect((await fac().command('close')).status).toBe(200);
  const summaryPost = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === CHANNEL && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
    closeFrom,
  );
  // The next retro starts another day: the channel's retros follow one another.
  t.clock.advance(7 * DAY_MS);
  return { reveal: textOf(revealPost), summary: textOf(summaryPost) };
}

function textOf(call: RecordedCall): string {
  return messageText(call.body);
}

describe('recurring themes across a channel’s retros', () => {
  let first: Played;
  let second: Played;
  let third: Played;

  beforeAll(async () => {
    t = await startTestApp();
    addPeople(t, ['UFAC', ...AUTHORS], 'Europe/Berlin');
    first = await playRetro('Q1 launch', [
      { userId: 'UANNA', stop: 'Launch slipped because legal review came late', anonymous: true },
      { userId: 'UFAC', stop: 'Stop sending the newsletter on Fridays', anonymous: false },
    ]);
    second = await playRetro('Q2 launch', [
      {
        userId: 'UBEN',
        stop: 'Legal review came in late again and pushed the launch date',
        anonymous: false,
      },
    ]);
    third = await playRetro('Q3 launch', [
      {
        userId: 'UCARA',
        stop: 'The launch date slipped: legal review of the claims came back late',
        anonymous: true,
      },
      { userId: 'UFAC', stop: 'Webinar attendance was low this quarter', anonymous: false },
    ]);
  });
  afterAll(() => t?.close());

  it('marks nothing in a channel’s first retro', () => {
    expect(first.reveal).not.toContain('came up before');
    expect(first.summary).not.toContain('Recurring themes');
  });

  it('marks an item said again in the next retro, without a run yet', () => {
    const line = lineAfter(second.reveal, 'Legal review came in late again');
    expect(line).toBe('↻ came up before: *Q1 launch*');
    expect(second.summary).toContain('*Recurring themes*');
  });

  it('marks the third reveal’s item with the two earlier retros and the run', () => {
    const line = lineAfter(third.reveal, 'legal review of the claims came back late');
    expect(line).toBe('↻ came up before: *Q2 launch* and *Q1 launch* — 3 retros in a row');
    expect(lineAfter(third.reveal, 'Webinar attendance was low') ?? '').not.toContain('came up before');
    expect(third.reveal.match(/came up before/g)).toHaveLength(1);
  });

  it('lists it under Recurring themes in the summary', () => {
    const section = third.summary.slice(third.summary.indexOf('*Recurring themes*'));
    expect(section).toContain(
      '• The launch date slipped: legal review of the claims came back late\n     ↻ came up before: *Q2 launch* and *Q1 launch* — 3 retros in a row',
    );
    expect(section).not.toContain('Webinar attendance');
  });

  it('never names who said it, then or now', () => {
    for (const text of [second.reveal, third.reveal, second.summary, third.summary]) {
      for (const id of AUTHORS) {
        expect(text).not.toContain(id);
        expect(text).not.toContain(`<@${id}>`);
      }
    }
    // The earlier attributed author's name is not carried into the third retro's messages either.
    expect(third.reveal).not.toContain('uben');
    expect(third.summary).not.toContain('uben');
  });
});

/** The line under an item's line: where its mark is. */
function lineAfter(text: string, item: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(item));
  expect(at, `"${item}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  return lines[at + 1]?.trim();
}
