import { afterEach, beforeEach, expect, it } from 'vitest';
import { advanceRetrosPastDeadline } from '../../src/phase-change/phase-change.service.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { cardEdit } from '../../src/retro/card.service.js';
import { findRetro } from '../../src/retro/retro.repository.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { cardCatchesUp } from './card-helpers.js';
import {
  addFeedback,
  expectFeedbackSaved,
  messageText,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/** Collecting ends by itself at the deadline, exactly once; concurrent reveals post one reveal. */

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: 'UFAC', name: 'Fran' });
  t.slack.addUser({ id: 'UCO', name: 'Cora' });
  t.slack.addUser({ id: 'UALICE', name: 'Alice' });
});
afterEach(() => t.close());

/** The deadline job at the fake clock's time, then what it queued is sent. */
async function deadlineJob(): Promise<number> {
  const moved = await advanceRetrosPastDeadline(t.rearview.features, t.clock.now());
  await t.rearview.features.outbox.flush();
  return moved;
}

async function retroRow(retroId: string) {
  return t.database.db.selectFrom('retros').selectAll().where('id', '=', retroId).executeTakeFirstOrThrow();
}

/** Adds feedback and waits for the card to show it (the handler finishes after the modal closes). */
async function feedback(
  channel: string,
  retro: StartedRetro,
  sections: Record<string, string>,
  anonymous: boolean,
): Promise<void> {
  const before = t.slack.calls.length;
  const reply = await addFeedback(t, t.user('UALICE', channel), retro, sections, anonymous);
  expectFeedbackSaved(reply);
  // A lone submission shows on the card after a quiet spell (src/retro/card-counts.ts).
  await cardCatchesUp(t, retro);
  await t.slack.waitForCall(
    'chat.update',
    (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('1 item'),
    before,
  );
}

function revealsOf(retro: StartedRetro, after = 0): RecordedCall[] {
  return t.slack.calls
    .slice(after)
    .filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.thread_ts === retro.cardTs &&
        String(c.body.text).includes('revealed'),
    );
}

it('moves a retro past its deadline to voting by itself, exactly once, and leaves others alone', async () => {
  const due = await startRetro(t, t.user('UFAC', 'C0DUE'), 'Autumn campaign');
  const later = await startRetro(t, t.user('UFAC', 'C0LATER'), 'Winter campaign', {
    [SETUP_IDS.blocks.deadline]: Math.floor((t.clock.now().getTime() + 10 * DAY_MS) / 1000),
  });
  await feedback('C0DUE', due, { start: 'Retarget webinar no-shows' }, false);
  await feedback('C0LATER', later, { stop: 'Discount-only emails' }, true);

  const dueRow = await retroRow(due.id);
  const laterRow = await retroRow(later.id);
  expect(dueRow.deadline_at).not.toBeNull();
  expect(dueRow.deadline_at?.getTime()).toBeGreaterThan(t.clock.now().getTime());
  expect(laterRow.deadline_at?.getTime()).toBeGreaterThan((dueRow.deadline_at?.getTime() ?? 0) + DAY_MS);

  // Before the deadline nothing moves.
  expect(await deadlineJob()).toBe(0);
  expect((await retroRow(due.id)).phase).toBe('collecting');

  t.clock.set(new Date((dueRow.deadline_at?.getTime() ?? 0) + 60_000));
  const before = t.slack.calls.length;
  expect(await deadlineJob()).toBe(1);

  const moved = await retroRow(due.id);
  expect(moved.phase).toBe('voting');
  expect(moved.revealed_at?.getTime()).toBe(t.clock.now().getTime());
  const reveals = revealsOf(due, before);
  expect(reveals.length).toBeGreaterThan(0);
  expect(reveals.every((c) => c.body.channel === 'C0DUE')).toBe(true);
  expect(reveals.map((c) => messageText(c.body)).join('\n')).toContain('Retarget webinar no-shows');
  const card = t.slack.calls
    .slice(before)
    .filter((c) => c.method === 'chat.update' && c.body.ts === due.cardTs)
    .at(-1);
  expect(messageText(card?.body ?? {})).toContain('Voting');

  // The other retro is untouched: still collecting, nothing posted in its channel.
  const untouched = await retroRow(later.id);
  expect(untouched.phase).toBe('collecting');
  expect(untouched.revealed_at).toBeNull();
  expect(t.slack.calls.slice(before).filter((c) => c.body.channel === 'C0LATER')).toEqual([]);

  // Run again (the scheduler ticks every minute): nothing more happens.
  const again = t.slack.calls.length;
  expect(await deadlineJob()).toBe(0);
  expect(t.slack.calls.slice(again).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  expect(revealsOf(due)).toHaveLength(reveals.length);
  expect((await retroRow(due.id)).phase).toBe('voting');
});

it('reveals once when two copies of the deadline job run at the same time', async () => {
  const retro = await startRetro(t, t.user('UFAC', 'C0RACE1'), 'Partner launch');
  await feedback('C0RACE1', retro, { start: 'Joint press release' }, false);
  const row = await retroRow(retro.id);
  t.clock.set(new Date((row.deadline_at?.getTime() ?? 0) + 1_000));

  const before = t.slack.calls.length;
  const results = await Promise.all([deadlineJob(), deadlineJob()]);
  expect(results.reduce((a, b) => a + b, 0)).toBe(1);
  expect((await retroRow(retro.id)).phase).toBe('voting');
  expect(revealsOf(retro, before)).toHaveLength(1);
});

it('posts one reveal when two facilitators press Reveal at the same time', async () => {
  const fac = t.user('UFAC', 'C0RACE2');
  const co = t.user('UCO', 'C0RACE2');
  const retro = await startRetro(t, fac, 'Pricing page test', { [SETUP_IDS.blocks.facilitators]: ['UCO'] });
  expect((await retroRow(retro.id)).facilitator_ids).toEqual(['UCO']);
  await feedback('C0RACE2', retro, { continue: 'Weekly pricing review' }, false);

  const before = t.slack.calls.length;
  const replies = await Promise.all([
    fac.press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs }),
    co.press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs }),
  ]);
  expect(replies.map((x) => x.status)).toEqual([200, 200]);

  // The winner reveals and refreshes the card; the other is told, privately, that it has moved on.
  await t.slack.waitForCall(
    'chat.update',
    (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('Voting'),
    before,
  );
  const loser = await t.slack.waitForCall(
    'chat.postEphemeral',
    (c) => c.body.user === 'UFAC' || c.body.user === 'UCO',
    before,
  );
  expect(String(loser.body.text)).toMatch(/moved on|already/i);

  expect((await retroRow(retro.id)).phase).toBe('voting');
  // The reveal follows the card's edit on the channel's queue.
  await t.rearview.features.outbox.flush();
  const reveals = revealsOf(retro, before);
  expect(reveals).toHaveLength(1);
  expect(messageText(reveals[0]?.body ?? {})).toContain('Weekly pricing review');
  expect(
    t.slack.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postEphemeral' && ['UFAC', 'UCO'].includes(c.body.user)),
  ).toHaveLength(1);
});

it('does not put the Collecting card back when a refresh started before the reveal lands after it', async () => {
  // A feedback submission asks for the card's edit after its modal closed, with the retro it loaded when it
  // started (src/feedback/feedback.handlers.ts, feedbackSubmitted → cards.request(retro)). When a reveal
  // happens in between, that late edit must not show the old phase. Seen for real on Postgres:
  // /retro close right after a submission left the card on "Collecting feedback" with its buttons.
  const fac = t.user('UFAC', 'C0STALE');
  const retro = await startRetro(t, fac, 'Stale card');
  await feedback('C0STALE', retro, { start: 'Late submission' }, false);
  const snapshot = await findRetro(t.ctx.db, t.slack.teamId, retro.id);
  expect(snapshot?.phase).toBe('collecting');

  const before = t.slack.calls.length;
  await fac.press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
  await t.slack.waitForCall(
    'chat.update',
    (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('Voting'),
    before,
  );

  // The submission's refresh, computed from its snapshot, arrives now.
  if (snapshot) {
    await t.rearview.features.outbox.enqueue(t.ctx.db, cardEdit(snapshot, 'paced'));
    await t.rearview.features.outbox.flush();
  }

  const last = t.slack
    .callsOf('chat.update')
    .filter((c) => c.body.ts === retro.cardTs)
    .at(-1);
  const text = messageText(last?.body ?? {});
  expect(text).toContain('Voting');
  expect(text).not.toContain('Collecting feedback');
  const buttons = ((last?.body.blocks ?? []) as Record<string, any>[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements as { action_id: string }[]).map((e) => e.action_id));
  expect(buttons).toContain(ACTIONS.vote);
  expect(buttons).not.toContain(ACTIONS.addFeedback);
});
