import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_IDS } from '../../src/feedback/feedback.ids.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { VOTING_IDS } from '../../src/voting/voting.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import type { OpenedView } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { assertMessageLimits, assertModalLimits, blockTexts } from '../unit/block-kit-limits.js';
import {
  addFeedback,
  expectFeedbackSaved,
  messageText,
  openFromCard,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/**
 * A retro with 300 items, some of them 500 characters long: the reveal, the ballot and the summary all
 * stay within Block Kit's limits and lose no item.
 */

const ITEM_COUNT = 300;
const SECTIONS = ['start', 'stop', 'continue'] as const;
type SectionId = (typeof SECTIONS)[number];
const MAX_LINES = 50;
const MAX_FIELD = 3000;
const CHANNEL = 'C0BIGRETRO';
const AUTHORS = ['UAUTH1', 'UAUTH2', 'UAUTH3', 'UAUTH4', 'UAUTH5'];
const WORDS = [
  'launch',
  'webinar',
  'pipeline',
  'MQL',
  'landing page',
  'follow-up',
  'sales',
  'creative',
  'budget',
];

interface Item {
  text: string;
  section: SectionId;
}

/** Unique tags, so no item's text is part of another's; every tenth item is exactly 500 characters. */
function makeItems(): Item[] {
  return Array.from({ length: ITEM_COUNT }, (_, i) => {
    const tag = `[item-${String(i).padStart(4, '0')}]`;
    const target = i % 10 === 0 ? 500 : 24 + ((i * 37) % 97);
    let text = tag;
    let w = i;
    while (text.length < target) text += ` ${WORDS[w++ % WORDS.length]}`;
    text = text.slice(0, target).trimEnd();
    if (i % 10 === 0) text = text.padEnd(500, 'x');
    const mod = i % 7;
    // Uneven sections: Start gets more than 100 items, so it spans two vote selects.
    return { text, section: mod < 4 ? 'start' : mod < 6 ? 'stop' : 'continue' };
  });
}

/** One section's items split into fields that Slack and the app accept: ≤ 50 items, ≤ 3000 characters. */
function chunkSection(lines: string[]): string[] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    // Items are separated by a blank line: two characters between them.
    const added = (current.length ? 2 : 0) + line.length;
    if (current.length === MAX_LINES || size + added > MAX_FIELD) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    size += (current.length ? 2 : 0) + line.length;
    current.push(line);
  }
  if (current.length) chunks.push(current);
  return chunks.map((c) => c.join('\n\n'));
}

function submissionsOf(items: Item[]): Record<string, string>[] {
  const perSection = SECTIONS.map((s) =>
    chunkSection(items.filter((i) => i.section === s).map((i) => i.text)),
  );
  const count = Math.max(...perSection.map((c) => c.length));
  return Array.from({ length: count }, (_, k) => {
    const fields: Record<string, string> = {};
    SECTIONS.forEach((s, j) => {
      const chunk = perSection[j]?.[k];
      if (chunk) fields[s] = chunk;
    });
    return fields;
  });
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function postsAfter(t: TestApp, after: number, match: (c: RecordedCall) => boolean): RecordedCall[] {
  return t.slack.calls.slice(after).filter((c) => c.method === 'chat.postMessage' && match(c));
}

let t: TestApp;
let retro: StartedRetro;
const items = makeItems();
let voteView: OpenedView;
let voted: string[] = [];

describe('a retro with 300 items', () => {
  beforeAll(async () => {
    t = await startTestApp();
    t.slack.addUser({ id: 'UFAC', name: 'Fran' });
    t.slack.addUser({ id: 'UVOTER', name: 'Vic' });
    for (const [n, id] of AUTHORS.entries()) t.slack.addUser({ id, name: `Author ${n + 1}` });

    retro = await startRetro(t, t.user('UFAC', CHANNEL), 'Big launch', {
      [SETUP_IDS.blocks.kpis]:
        'Signups | 2,000 | 2,250 | signups | higher\nCost per lead | 40 | 52 | USD | lower',
    });
    const submissions = submissionsOf(items);
    expect(submissions.length).toBeGreaterThan(2);
    for (const [k, sections] of submissions.entries()) {
      for (const text of Object.values(sections)) {
        expect(text.split('\n\n').length).toBeLessThanOrEqual(MAX_LINES);
        expect(text.length).toBeLessThanOrEqual(MAX_FIELD);
      }
      // Authors 1, 3 and 5 sign their items; 2 and 4 submit anonymously.
      const n = k % AUTHORS.length;
      const author = t.user(AUTHORS[n] ?? 'UAUTH1', CHANNEL);
      const before = t.slack.calls.length;
      const reply = await addFeedback(t, author, retro, sections, n % 2 === 1);
      expectFeedbackSaved(reply);
      // The handler finishes (receipt, card refresh) after the modal closes.
      await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
    }
    const stored = await t.database.db
      .selectFrom('feedback_items')
      .select(['body', 'author_id'])
      .where('retro_id', '=', retro.id)
      .execute();
    expect(stored).toHaveLength(ITEM_COUNT);
    expect(new Set(stored.map((s) => s.body))).toEqual(new Set(items.map((i) => i.text)));
    expect(stored.some((s) => s.author_id === null)).toBe(true);
    expect(stored.some((s) => s.author_id !== null)).toBe(true);
    expect(Math.max(...stored.map((s) => s.body.length))).toBe(500);
  }, 120_000);
  afterAll(() => t?.close());

  it('lists a prolific author’s items in a My feedback modal within modal limits', async () => {
    const view = await openFromCard(t, t.user('UAUTH1', CHANNEL), ACTIONS.myFeedback, retro);
    expect(view.callback_id).toBe(FEEDBACK_IDS.views.myFeedback);
    assertModalLimits(view);
    const mine = await t.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('retro_id', '=', retro.id)
      .where('author_id', '=', 'UAUTH1')
      .execute();
    expect(mine.length).toBeGreaterThan(50);
    const text = messageText({ text: '', blocks: view.blocks });
    expect(text).toContain(`of ${mine.length} items`);
  });

  it('reveals every item exactly once, in messages within Block Kit limits', async () => {
    const before = t.slack.calls.length;
    await t.user('UFAC', CHANNEL).press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('Voting'),
      before,
    );
    // The reveal was queued with the phase change; this waits for the outbox to have sent it.
    await t.rearview.features.outbox.flush();
    const reveal = postsAfter(t, before, (c) => c.body.thread_ts === retro.cardTs);
    expect(reveal.length).toBeGreaterThan(1);
    for (const post of reveal) {
      expect(post.body.channel).toBe(CHANNEL);
      assertMessageLimits({ text: post.body.text, blocks: post.body.blocks });
    }
    const revealed = reveal.flatMap((p) => blockTexts(p.body.blocks)).join('\n');
    const counts = items.map((i) => occurrences(revealed, i.text));
    const wrong = items
      .filter((_, k) => counts[k] !== 1)
      .map((i, k) => `${i.text.slice(0, 12)}: ${counts[k]}`);
    expect(wrong).toEqual([]);
    // Attributed items carry a name, anonymous ones none.
    expect(revealed).toContain('_Author 1_');
    expect(revealed).not.toContain('_Author 2_');
    expect(revealed).not.toContain('_Author 4_');
  });

  it('offers all 300 items on a ballot within modal limits', async () => {
    voteView = await openFromCard(t, t.user('UVOTER', CHANNEL), ACTIONS.vote, retro);
    expect(voteView.callback_id).toBe(VOTING_IDS.view);
    assertModalLimits(voteView);
    const selects = voteView.blocks.filter(
      (b) => b.type === 'input' && String(b.block_id).startsWith('votes_'),
    );
    expect(selects.length).toBeGreaterThan(1);
    const offered = selects.flatMap((b) =>
      (b.element.option_groups as { options: { value: string }[] }[]).flatMap((g) =>
        g.options.map((o) => o.value),
      ),
    );
    const ids = await t.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('retro_id', '=', retro.id)
      .execute();
    expect(offered).toHaveLength(ITEM_COUNT);
    expect(new Set(offered)).toEqual(new Set(ids.map((r) => r.id)));
  });

  it('stores a ballot whose votes are spread over two selects, and refuses one over budget', async () => {
    const voter = t.user('UVOTER', CHANNEL);
    const selects = voteView.blocks.filter(
      (b) => b.type === 'input' && String(b.block_id).startsWith('votes_'),
    );
    const optionsOf = (b: Record<string, any> | undefined): string[] =>
      ((b?.element.option_groups ?? []) as { options: { value: string }[] }[]).flatMap((g) =>
        g.options.map((o) => o.value),
      );
    const first = optionsOf(selects[0]);
    const last = optionsOf(selects.at(-1));
    const row = await t.database.db
      .selectFrom('retros')
      .select('vote_budget')
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row.vote_budget).toBe(3);
    const firstBlock = String(selects[0]?.block_id);
    const lastBlock = String(selects.at(-1)?.block_id);

    const tooMany = await voter.submit(voteView, {
      [firstBlock]: first.slice(0, 2),
      [lastBlock]: last.slice(0, 2),
    });
    expect(tooMany.json?.response_action).toBe('errors');
    expect(tooMany.json?.errors?.[firstBlock]).toContain('3 votes');

    voted = [first[5] ?? '', first[40] ?? '', last.at(-1) ?? ''];
    const before = t.slack.calls.length;
    const ok = await voter.submit(voteView, { [firstBlock]: voted.slice(0, 2), [lastBlock]: voted.slice(2) });
    expect(ok.json?.view?.title?.text, JSON.stringify(ok.json)).toBe('Votes saved');
    const stored = await t.database.db
      .selectFrom('votes')
      .select('item_id')
      .where('retro_id', '=', retro.id)
      .where('voter_id', '=', 'UVOTER')
      .execute();
    expect(stored.map((v) => v.item_id).sort()).toEqual([...voted].sort());
    await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('1 voted'),
      before,
    );

    // Reopened, the ballot shows the stored votes, still within modal limits.
    const again = await openFromCard(t, voter, ACTIONS.vote, retro);
    assertModalLimits(again);
    const preselected = again.blocks
      .filter((b) => b.type === 'input')
      .flatMap((b) => ((b.element.initial_options ?? []) as { value: string }[]).map((o) => o.value));
    expect(preselected.sort()).toEqual([...voted].sort());
  });

  it('ends voting and closes with top items and a summary within Block Kit limits', async () => {
    const fac = t.user('UFAC', CHANNEL);
    const beforeTop = t.slack.calls.length;
    await fac.press(ACTIONS.startDiscussion, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('Discussing'),
      beforeTop,
    );
    // The posts go out through the outbox, after the card has moved on.
    await t.rearview.features.outbox.flush();
    const top = postsAfter(t, beforeTop, (c) => c.body.thread_ts === retro.cardTs);
    expect(top.length).toBeGreaterThan(0);
    for (const post of top) assertMessageLimits({ text: post.body.text, blocks: post.body.blocks });

    const beforeClose = t.slack.calls.length;
    await fac.press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes('Closed'),
      beforeClose,
    );
    await t.rearview.features.outbox.flush();
    const summary = postsAfter(t, beforeClose, (c) => !c.body.thread_ts && c.body.channel === CHANNEL);
    expect(summary.length).toBeGreaterThan(0);
    for (const post of summary) assertMessageLimits({ text: post.body.text, blocks: post.body.blocks });
    const text = summary.map((p) => messageText(p.body)).join('\n');
    expect(text).toContain('Retro summary: Big launch');
    expect(text).toContain('Signups');
    expect(text).toContain('300 items');
    const bodies = await t.database.db
      .selectFrom('feedback_items')
      .select(['id', 'body'])
      .where('id', 'in', voted)
      .execute();
    expect(bodies).toHaveLength(3);
    for (const { body } of bodies) expect(text).toContain(`${body} (1 vote)`);
  });

  it('kept every message it sent during the retro within Block Kit limits', () => {
    const sent = t.slack.calls.filter((c) =>
      ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(c.method),
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const c of sent) assertMessageLimits({ text: c.body.text, blocks: c.body.blocks });
  });
});
