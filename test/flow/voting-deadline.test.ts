import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, messageText, openFromCard, type StartedRetro, startRetro } from './retro-helpers.js';

/** The retro moves on out loud: the deadline's move to voting, voting's own deadline, one private reminder. */

const HOUR_MS = 60 * 60 * 1000;
const CHANNEL = 'C0VOTE';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (const [id, name] of [
    ['UFAC', 'Fran'],
    ['UCO', 'Cora'],
    ['U1', 'Uma'],
    ['U2', 'Raj'],
    ['U3', 'Liam'],
  ] as const) {
    t.slack.addUser({ id, name });
  }
  t.slack.members.set(CHANNEL, ['UREARVIEW', 'UFAC', 'UCO', 'U1', 'U2', 'U3']);
});
afterAll(() => t?.close());

const retroRow = (id: string) =>
  t.database.db.selectFrom('retros').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const channelPosts = (after: number): RecordedCall[] =>
  t.slack.calls
    .slice(after)
    .filter((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && !c.body.thread_ts);

const dmsTo = (after: number): Map<string, string> =>
  new Map(
    t.slack.calls
      .slice(after)
      .filter((c) => c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D'))
      .map((c) => [String(c.body.channel), messageText(c.body)]),
  );

async function tick(): Promise<void> {
  await t.rearview.scheduler?.tick();
  await t.rearview.features.outbox.flush();
}

describe('a retro whose deadlines pass', () => {
  let retro: StartedRetro;

  it('offers a voting length in the setup modal, one day by default', async () => {
    const before = t.slack.calls.length;
    const fac = t.user('UFAC', CHANNEL);
    await fac.command('start Q3 product launch');
    const view = await fac.waitForView(before);
    const length = view.blocks.find((b) => b.block_id === SETUP_IDS.blocks.votingLength);
    expect(length?.label.text).toBe('Voting lasts');
    expect(length?.element.initial_option.text.text).toBe('1 day');
    expect(length?.element.options.map((o: { text: { text: string } }) => o.text.text)).toContain(
      'Until a facilitator ends it',
    );
    await fac.close(view);

    retro = await startRetro(t, fac, 'Q3 product launch', { [SETUP_IDS.blocks.facilitators]: ['UCO'] });
    expect((await retroRow(retro.id)).voting_hours).toBe(24);
    await addFeedback(t, t.user('U1', CHANNEL), retro, { start: 'Launch webinar filled up' }, true);
  });

  it('announces the move to voting in the channel and tells each facilitator privately', async () => {
    const row = await retroRow(retro.id);
    t.clock.set(new Date((row.deadline_at as Date).getTime() + 60_000));
    const before = t.slack.calls.length;
    await tick();

    const moved = await retroRow(retro.id);
    expect(moved.phase).toBe('voting');
    expect(moved.voting_deadline_at?.getTime()).toBe(t.clock.now().getTime() + 24 * HOUR_MS);

    const news = channelPosts(before).map((c) => messageText(c.body));
    expect(news).toHaveLength(1);
    expect(news[0]).toContain('Voting is open');
    expect(news[0]).toContain('3 votes each, until <!date^');
    expect(news[0]).toContain(String(Math.floor((moved.voting_deadline_at as Date).getTime() / 1000)));

    const card = t.slack
      .callsOf('chat.update')
      .filter((c) => c.body.ts === retro.cardTs)
      .at(-1);
    expect(messageText(card?.body ?? {})).toContain('⏰ Voting ends <!date^');

    const dms = dmsTo(before);
    expect([...dms.keys()].sort()).toEqual(['DCO', 'DFAC']);
    expect(dms.get('DFAC')).toContain('feedback is revealed and voting is open');
    expect(dms.get('DFAC')).toContain('Voting ends by itself');
  });

  it('reminds only the members who have not voted, privately, once, with a Vote button that works', async () => {
    const voter = t.user('U2', CHANNEL);
    const ballot = await openFromCard(t, voter, ACTIONS.vote, retro);
    const select = ballot.blocks.find((b) => String(b.block_id).startsWith('votes_'));
    const first =
      select?.element.option_groups?.[0]?.options?.[0]?.value ?? select?.element.options?.[0]?.value;
    const cast = await voter.submit(ballot, { [select?.block_id]: [first] });
    expect(cast.json?.response_action).not.toBe('errors');

    const row = await retroRow(retro.id);
    // Before half-way through voting nothing is sent; after, once.
    t.clock.set(new Date((row.revealed_at as Date).getTime() + 6 * HOUR_MS));
    let before = t.slack.calls.length;
    await tick();
    expect(dmsTo(before).size).toBe(0);

    t.clock.set(new Date((row.voting_deadline_at as Date).getTime() - HOUR_MS));
    before = t.slack.calls.length;
    await tick();
    const reminded = dmsTo(before);
    expect([...reminded.keys()].sort()).toEqual(['D1', 'D3', 'DCO', 'DFAC']);
    expect(reminded.get('D1')).toContain('you have not voted yet');
    expect(channelPosts(before)).toEqual([]);
    const dm = t.slack.calls
      .slice(before)
      .find((c) => c.method === 'chat.postMessage' && c.body.channel === 'D3');
    const button = ((dm?.body.blocks ?? []) as Record<string, any>[]).find((b) => b.type === 'actions')
      ?.elements[0];
    expect(button?.action_id).toBe(ACTIONS.vote);

    const again = t.slack.calls.length;
    await tick();
    expect(dmsTo(again).size).toBe(0);

    const opened = t.slack.calls.length;
    await t.sender.blockAction(
      { userId: 'U3', channelId: 'DU3' },
      { actionId: ACTIONS.vote, value: retro.id },
    );
    const view = await t.user('U3', 'DU3').waitForView(opened);
    expect(view.callback_id).toBe(ballot.callback_id);
  });

  it('ends voting at its deadline, announced in the channel and to the facilitators', async () => {
    const row = await retroRow(retro.id);
    t.clock.set(new Date((row.voting_deadline_at as Date).getTime() + 60_000));
    const before = t.slack.calls.length;
    await tick();

    expect((await retroRow(retro.id)).phase).toBe('discussing');
    const news = channelPosts(before).map((c) => messageText(c.body));
    expect(news).toHaveLength(1);
    expect(news[0]).toContain('Voting has ended* at its deadline');
    const dms = dmsTo(before);
    expect([...dms.keys()].sort()).toEqual(['DCO', 'DFAC']);
    expect(dms.get('DCO')).toContain('top items are in the retro');

    const again = t.slack.calls.length;
    await tick();
    expect(channelPosts(again)).toEqual([]);
  });
});

describe('a facilitator who moves the retro on by hand', () => {
  it('announces voting in the channel without telling the facilitators what they just did', async () => {
    const channel = 'C0HAND';
    t.slack.members.set(channel, ['UREARVIEW', 'UFAC', 'U1']);
    const fac = t.user('UFAC', channel);
    const retro = await startRetro(t, fac, 'Pricing test', { [SETUP_IDS.blocks.votingLength]: 'manual' });
    expect((await retroRow(retro.id)).voting_hours).toBeNull();
    await addFeedback(t, t.user('U1', channel), retro, { start: 'Annual plan banner' }, false);

    const before = t.slack.calls.length;
    await fac.press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.body.channel === channel && !c.body.thread_ts && messageText(c.body).includes('Voting is open'),
      before,
    );
    await t.rearview.features.outbox.flush();
    const news = t.slack.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel && !c.body.thread_ts)
      .map((c) => messageText(c.body));
    expect(news).toHaveLength(1);
    expect(news[0]).toContain('until a facilitator ends voting');
    expect((await retroRow(retro.id)).voting_deadline_at).toBeNull();
    expect(dmsTo(before).size).toBe(0);
  });
});
