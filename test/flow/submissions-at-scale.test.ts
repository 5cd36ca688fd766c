import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  expectFeedbackSaved,
  openFromCard,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

describe('many people at once', () => {
  let t: TestApp;
  let retro: StartedRetro;

  beforeAll(async () => {
    t = await startTestApp();
    retro = await startRetro(t, t.user('UFAC'), 'Launch week');
  });
  afterAll(() => t?.close());

  const itemsNamed = async (body: string) =>
    (await t.database.db.selectFrom('feedback_items').select('id').where('body', '=', body).execute()).length;

  it('stores a submission once, however often Slack delivers it, and answers each delivery the same', async () => {
    const user = t.user('UTWICE');
    const view = await openFromCard(t, user, ACTIONS.addFeedback, retro);
    const values = { section_start: 'Delivered five times', anonymous: true };
    const replies = await Promise.all(Array.from({ length: 5 }, () => user.submit(view, values)));
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expectFeedbackSaved(reply);
    }
    const again = await user.submit(view, values);
    expectFeedbackSaved(again);
    expect(await itemsNamed('Delivered five times')).toBe(1);
  });

  it('refreshes the card a few times for a burst of 50 submissions, ending with the right counts', async () => {
    const people = Array.from({ length: 50 }, (_, i) => t.user(`UBURST${i}`));
    // Opened one by one: each person must get their own modal (and view id) back.
    const views: Awaited<ReturnType<typeof openFromCard>>[] = [];
    for (const person of people) views.push(await openFromCard(t, person, ACTIONS.addFeedback, retro));
    const before = t.slack.calls.length;
    const replies = await Promise.all(
      people.map((p, i) => p.submit(views[i] as (typeof views)[number], { section_stop: `Burst item ${i}` })),
    );
    for (const reply of replies) expectFeedbackSaved(reply);
    const cardUpdates = () =>
      t.slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.update' && /contributor/.test(JSON.stringify(c.body)));
    // 51 people: the 50 of the burst and the one of the previous test.
    const seen = () => cardUpdates().map((c) => JSON.stringify(c.body).match(/\d+ contributors?/)?.[0]);
    await waitFor(
      () => seen().includes('51 contributors'),
      'the card to show every contributor',
      15_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; saw ${seen().join(', ')}`);
    });
    await waitFor(
      () => cardUpdates().some((c) => JSON.stringify(c.body).includes('51 contributors')),
      'the card to show every contributor',
      15_000,
    );
    expect(cardUpdates().length).toBeLessThanOrEqual(3);
    expect(JSON.stringify(cardUpdates().at(-1)?.body)).toContain('51 contributors');
  });

  it('keeps the vote budget when one person sends two ballots at once', async () => {
    await addFeedback(t, t.user('UVOTER'), retro, { continue: 'Keep the webinars' }, false);
    await t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await waitFor(async () => {
      const row = await t.database.db
        .selectFrom('retros')
        .select('phase')
        .where('id', '=', retro.id)
        .executeTakeFirst();
      return row?.phase === 'voting';
    }, 'voting');
    const voter = t.user('UVOTER');
    const [tabA, tabB] = [
      await openFromCard(t, voter, ACTIONS.vote, retro),
      await openFromCard(t, voter, ACTIONS.vote, retro),
    ];
    const items = await t.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('retro_id', '=', retro.id)
      .orderBy('id')
      .limit(6)
      .execute();
    const ids = items.map((i) => i.id);
    const replies = await Promise.all([
      voter.submit(tabA, { votes_0: ids.slice(0, 3) }),
      voter.submit(tabB, { votes_0: ids.slice(3, 6) }),
    ]);
    // Each stored ballot turns into its receipt.
    for (const reply of replies) expect(reply.json?.view?.title?.text).toBe('Votes saved');
    const stored = await t.database.db
      .selectFrom('votes')
      .select('item_id')
      .where('retro_id', '=', retro.id)
      .where('voter_id', '=', 'UVOTER')
      .execute();
    // One ballot or the other, whole: never a mix of both that goes over the budget of 3.
    const chosen = stored.map((v) => v.item_id).sort();
    expect([ids.slice(0, 3).sort(), ids.slice(3, 6).sort()]).toContainEqual(chosen);
  });

  it('takes 20 ballots sent at once, each whole, and a second ballot of one of them sent with them', async () => {
    const voters = Array.from({ length: 20 }, (_, i) => t.user(`UBALLOT${i}`));
    const ballots: Awaited<ReturnType<typeof openFromCard>>[] = [];
    for (const voter of voters) ballots.push(await openFromCard(t, voter, ACTIONS.vote, retro));
    const second = await openFromCard(t, voters[0] ?? t.user('UBALLOT0'), ACTIONS.vote, retro);
    const items = await t.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('retro_id', '=', retro.id)
      .orderBy('id')
      .execute();
    const ids = items.map((i) => i.id);
    const picks = (k: number) => [0, 1, 2].map((j) => ids[(k * 3 + j) % ids.length] ?? '');
    const replies = await Promise.all([
      ...voters.map((voter, k) =>
        voter.submit(ballots[k] as (typeof ballots)[number], { votes_0: picks(k + 1) }),
      ),
      (voters[0] ?? t.user('UBALLOT0')).submit(second, { votes_0: picks(40) }),
    ]);
    for (const reply of replies)
      expect(reply.json?.view?.title?.text, JSON.stringify(reply.json)).toBe('Votes saved');
    const stored = await t.database.db
      .selectFrom('votes')
      .select(['voter_id', 'item_id'])
      .where('retro_id', '=', retro.id)
      .where('voter_id', 'like', 'UBALLOT%')
      .execute();
    const byVoter = new Map<string, string[]>();
    for (const v of stored) byVoter.set(v.voter_id, [...(byVoter.get(v.voter_id) ?? []), v.item_id].sort());
    expect(byVoter.size).toBe(20);
    for (const [k] of voters.entries()) {
      const mine = byVoter.get(`UBALLOT${k}`);
      // The first voter sent two ballots at once: one or the other counts, whole.
      const expected = k === 0 ? [picks(1).sort(), picks(40).sort()] : [picks(k + 1).sort()];
      expect(expected).toContainEqual(mine);
    }
  });
});

describe('stopping with a card refresh still waiting', () => {
  it('updates the card before the app stops, holding a lone submission back', async () => {
    const t = await startTestApp();
    try {
      const retro = await startRetro(t, t.user('UFAC'), 'Last call');
      const before = t.slack.calls.length;
      await addFeedback(t, t.user('ULAST'), retro, { start: 'Said just before the restart' }, true);
      await t.rearview.stop();
      const cardUpdates = t.slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.update' && /contributor/.test(JSON.stringify(c.body)));
      // One person's submission a moment ago does not move the counts (it would say how much they wrote);
      // the card catches up after the quiet spell (test/flow/card-counts.test.ts).
      expect(JSON.stringify(cardUpdates.at(-1)?.body)).toMatch(/\b0 contributors\b/);
    } finally {
      await t.close();
    }
  });
});

describe('three copies of the bot behind one load balancer', () => {
  let copies: TestApp[] = [];

  beforeAll(async () => {
    const first = await startTestApp();
    copies = [first, await startTestApp({ copyOf: first }), await startTestApp({ copyOf: first })];
  });
  afterAll(async () => {
    for (const copy of copies.slice(1)) await copy.close();
    await copies[0]?.close();
  });

  it('a burst of 50 submissions spread over three copies edits the card at most 3 times, the last with the right counts', async () => {
    const [first] = copies as [TestApp];
    const retro = await startRetro(first, first.user('UFAC'), 'Launch week, three copies');
    const people = Array.from({ length: 50 }, (_, i) => {
      const copy = copies[i % copies.length] as TestApp;
      return { copy, user: copy.user(`UCOPY${i}`) };
    });
    const views: Awaited<ReturnType<typeof openFromCard>>[] = [];
    for (const { copy, user } of people)
      views.push(await openFromCard(copy, user, ACTIONS.addFeedback, retro));
    const before = first.slack.calls.length;
    const replies = await Promise.all(
      people.map(({ user }, i) =>
        user.submit(views[i] as (typeof views)[number], { section_stop: `Copy burst item ${i}` }),
      ),
    );
    for (const reply of replies) expectFeedbackSaved(reply);
    const cardUpdates = () =>
      first.slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.update' && c.body.ts === retro.cardTs && c.result?.ok);
    const seen = () => cardUpdates().map((c) => JSON.stringify(c.body).match(/\d+ contributors?/)?.[0]);
    await waitFor(
      () => seen().includes('50 contributors'),
      'the card to show every contributor',
      20_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; saw ${seen().join(', ')}`);
    });
    // Whatever was still waiting has had its turn: a pace and a little more.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(cardUpdates().length).toBeLessThanOrEqual(3);
    expect(seen().at(-1)).toBe('50 contributors');
  });
});
