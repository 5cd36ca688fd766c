import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { waitFor } from '../harness/poll.js';
import type { OpenedView } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  expectFeedbackSaved,
  messageText,
  openFromCard,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

const KPIS = [
  'MQLs | 500 | 450 | leads | higher',
  'Cost per lead | 40 | 35 | USD | lower',
  'Signups | 1000 | | | higher',
].join('\n');

/** Option value (item id) by item text, read from the ballot the app opened. */
function optionIds(view: OpenedView): Map<string, string> {
  const ids = new Map<string, string>();
  for (const block of view.blocks) {
    const element = block.element as
      | { option_groups?: { options: { text: { text: string }; value: string }[] }[] }
      | undefined;
    for (const group of element?.option_groups ?? [])
      for (const o of group.options) ids.set(o.text.text, o.value);
  }
  return ids;
}

describe('a full retro, from /retro start to the summary', () => {
  let t: TestApp;
  let retro: StartedRetro;
  const fac = () => t.user('UFAC');

  beforeAll(async () => {
    t = await startTestApp();
    for (const [id, name] of [
      ['UFAC', 'Fran'],
      ['UCO', 'Cody'],
      ['U1', 'Uma'],
      ['U2', 'Ugo'],
      ['U3', 'Sam'],
      ['U4', 'Alex'],
    ]) {
      t.slack.addUser({ id: id as string, name: name as string });
    }
  });
  afterAll(() => t.close());

  it('starts with three KPIs and a co-facilitator, and posts the card', async () => {
    retro = await startRetro(t, fac(), 'Q3 launch', { kpis: KPIS, facilitators: ['UCO'] });
    const row = await t.database.db
      .selectFrom('retros')
      .selectAll()
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: 'Q3 launch',
      phase: 'collecting',
      vote_budget: 3,
      anonymous_default: true,
      created_by: 'UFAC',
    });
    expect(row.facilitator_ids).toEqual(['UCO']);
    const kpis = await t.database.db
      .selectFrom('retro_kpis')
      .selectAll()
      .where('retro_id', '=', retro.id)
      .orderBy('position')
      .execute();
    expect(kpis.map((k) => [k.metric, k.target, k.actual, k.unit, k.higher_is_better])).toEqual([
      ['MQLs', 500, 450, 'leads', true],
      ['Cost per lead', 40, 35, 'USD', false],
      ['Signups', 1000, null, '', true],
    ]);
    const card = messageText(t.slack.callsOf('chat.postMessage')[0]?.body ?? {});
    expect(card).toContain('Q3 launch');
    expect(card).toContain('MQLs');
  });

  it('collects from four people: two anonymous, two attributed, one of them twice', async () => {
    const submissions: [string, Record<string, string>, boolean][] = [
      ['U1', { start: 'A1 start webinars', stop: 'A1 stop cold calls' }, true],
      ['U2', { continue: 'A2 continue newsletter' }, true],
      ['U3', { start: 'S1 start partner program' }, false],
      ['U3', { stop: 'S2 stop late briefs' }, false],
      ['U4', { continue: '- X1 continue weekly syncs\n- X2 continue launch checklist' }, false],
    ];
    for (const [userId, sections, anonymous] of submissions) {
      const before = t.slack.calls.length;
      const reply = await addFeedback(t, t.user(userId), retro, sections, anonymous);
      expect(reply.status).toBe(200);
      expectFeedbackSaved(reply);
      expect(JSON.stringify(reply.json?.view)).toContain(anonymous ? 'anonymously' : 'with your name');
      // The receipt is the modal itself: nothing is posted for it.
      expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.postEphemeral')).toEqual([]);
    }
    const items = await t.database.db
      .selectFrom('feedback_items')
      .selectAll()
      .where('retro_id', '=', retro.id)
      .execute();
    expect(items).toHaveLength(7);
    expect(
      items
        .filter((i) => i.author_id === null)
        .map((i) => i.body)
        .sort(),
    ).toEqual(['A1 start webinars', 'A1 stop cold calls', 'A2 continue newsletter']);
    expect(items.filter((i) => i.author_id === 'U3')).toHaveLength(2);
    const card = await t.slack.waitForCall(
      'chat.update',
      (c) => /4 contributors/.test(messageText(c.body)) && /7 items/.test(messageText(c.body)),
    );
    expect(messageText(card.body)).not.toContain('A1 start webinars');
  });

  it('lets a co-facilitator reveal: grouped by section, anonymous items without a name', async () => {
    const before = t.slack.calls.length;
    await t.user('UCO').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && /Vot/.test(messageText(c.body)),
      before,
    );
    // The reveal was queued with the phase change and goes out through the outbox.
    await t.rearview.features.outbox.flush();
    const posts = t.slack.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === retro.cardTs);
    const text = posts.map((p) => messageText(p.body)).join('\n');
    for (const anonymous of ['A1 start webinars', 'A1 stop cold calls', 'A2 continue newsletter']) {
      const line = text.split('\n').find((l) => l.includes(anonymous));
      expect(line).toBeDefined();
      expect(line).not.toMatch(/Uma|Ugo|U1|U2|—/);
    }
    expect(text).toMatch(/S1 start partner program — _Sam_/);
    expect(text).toMatch(/X2 continue launch checklist — _Alex_/);
    const at = (s: string) => text.indexOf(s);
    expect(at('Start')).toBeLessThan(at('A1 start webinars'));
    expect(at('A1 start webinars')).toBeLessThan(at('Stop'));
    expect(at('Stop')).toBeLessThan(at('S2 stop late briefs'));
    expect(at('S2 stop late briefs')).toBeLessThan(at('Continue'));
    expect(at('Continue')).toBeLessThan(at('X1 continue weekly syncs'));
    const row = await t.database.db
      .selectFrom('retros')
      .select('phase')
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row.phase).toBe('voting');
  });

  it('takes everyone’s votes within budget, shows my votes again, and keeps totals hidden', async () => {
    const ballots: [string, string[]][] = [
      ['U1', ['S1 start partner program', 'X1 continue weekly syncs', 'A2 continue newsletter']],
      ['U2', ['S1 start partner program', 'X1 continue weekly syncs']],
      ['U3', ['S1 start partner program', 'A1 start webinars']],
      ['U4', ['X1 continue weekly syncs']],
    ];
    for (const [userId, picks] of ballots) {
      const view = await openFromCard(t, t.user(userId), ACTIONS.vote, retro);
      const ids = optionIds(view);
      expect(ids.size).toBe(7);
      const reply = await t.user(userId).submit(view, { votes_0: picks.map((p) => ids.get(p) ?? p) });
      // The ballot turns into its receipt.
      expect(reply.json?.response_action, JSON.stringify(reply.json)).toBe('update');
      expect(reply.json?.view?.title?.text).toBe('Votes saved');
      expect(messageText({ blocks: reply.json?.view?.blocks })).toContain(
        `Your ${picks.length === 1 ? '1 vote' : `${picks.length} votes`} on *`,
      );
    }
    // U4 reopens the ballot: their vote is pre-selected, and they add one.
    const again = await openFromCard(t, t.user('U4'), ACTIONS.vote, retro);
    const select = again.blocks.find((b) => b.block_id === 'votes_0')?.element as {
      initial_options?: { text: { text: string } }[];
    };
    expect(select.initial_options?.map((o) => o.text.text)).toEqual(['X1 continue weekly syncs']);
    const ids = optionIds(again);
    const changed = await t.user('U4').submit(again, {
      votes_0: [ids.get('X1 continue weekly syncs') ?? '', ids.get('S2 stop late briefs') ?? ''],
    });
    expect(messageText({ blocks: changed.json?.view?.blocks })).toContain(
      'are saved; you can change them until voting ends.',
    );
    expect(messageText({ blocks: changed.json?.view?.blocks })).toContain('You have 1 vote left.');

    const votes = await t.database.db
      .selectFrom('votes')
      .select(['voter_id'])
      .where('retro_id', '=', retro.id)
      .execute();
    expect(votes).toHaveLength(9);
    // The card catches up with the last ballot within a couple of seconds (it is refreshed at a pace).
    await waitFor(
      () => /4 voted/.test(messageText(t.slack.callsOf('chat.update').at(-1)?.body ?? {})),
      'the card to count 4 voters',
    );
    const cards = t.slack.callsOf('chat.update').map((c) => messageText(c.body));
    expect(cards.join('\n')).not.toMatch(/\(\d+ votes?\)/);
  });

  it('ends voting (facilitator) and lists the top items with their votes', async () => {
    const before = t.slack.calls.length;
    await fac().press(ACTIONS.startDiscussion, retro.id, { messageTs: retro.cardTs });
    const top = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.thread_ts === retro.cardTs,
      before,
    );
    const text = messageText(top.body);
    expect(text).toMatch(/Top items:\n1\. S1 start partner program \(3 votes\)/);
    expect(text).toMatch(/X1 continue weekly syncs.*3 votes/);
    expect(text).not.toMatch(/\b0 votes/);
  });

  it('closes with a summary: KPI variances, top items with counts, participation of 4 people', async () => {
    const before = t.slack.calls.length;
    await fac().press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    const summary = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => !c.body.thread_ts && /summary/i.test(String(c.body.text)),
      before,
    );
    await t.slack.waitForCall('chat.postMessage', (c) => /Participation/.test(messageText(c.body)), before);
    const text = t.slack.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && !c.body.thread_ts)
      .map((c) => messageText(c.body))
      .join('\n');
    expect(summary.body.channel).toBe('C0RETRO');
    expect(text).toContain(
      '⚠️ *MQLs*: 450 leads vs target 500 leads · missed, 50 leads worse than target (−10.0%)',
    );
    expect(text).toContain('✅ *Cost per lead*: $35 vs target $40 · met, $5 better than target (−12.5%)');
    expect(text).toMatch(/⏳ \*Signups\*/);
    // The team's picks lead, across sections, before each section's detail.
    expect(text).toMatch(
      /\*Top items\*\n1\. S1 start partner program \(3 votes\) · \S+ Start\n2\. X1 continue weekly syncs \(3 votes\)/,
    );
    expect(text).toMatch(/S2 stop late briefs \(1 vote\)/);
    expect(text).not.toMatch(/\b0 votes/);
    expect(text).toMatch(/4 people · 7 items · 43% anonymous/);
    // It opens with what a reader forwards, and offers no buttons to the channel.
    expect(text).toContain(
      '*KPIs:* 1 of 2 measured met their target, 1 not measured yet. Worst miss: *MQLs*',
    );
    expect(text).toContain('*Top-voted:* S1 start partner program (3 votes,');
    const posted = t.slack
      .callsOf('chat.postMessage')
      .filter(
        (c) => !c.body.thread_ts && c.body.channel === 'C0RETRO' && /summary/i.test(String(c.body.text)),
      );
    for (const post of posted) {
      expect(((post.body.blocks ?? []) as Record<string, any>[]).some((b) => b.type === 'actions')).toBe(
        false,
      );
    }
    const row = await t.database.db
      .selectFrom('retros')
      .selectAll()
      .where('id', '=', retro.id)
      .executeTakeFirstOrThrow();
    expect(row.phase).toBe('closed');
    expect(row.closed_at).not.toBeNull();
    // The card is updated last: it says the retro is closed and offers no more buttons.
    const card = await t.slack.waitForCall('chat.update', (c) => /Closed/.test(messageText(c.body)), before);
    expect(card.body.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
  });
});
