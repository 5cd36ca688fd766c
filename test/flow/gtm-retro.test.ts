import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { queueDigests, queueNudges, refreshTimeZones } from '../../src/follow-up/follow-up.service.js';
import { kpiBlockId } from '../../src/kpi/present-kpi-modal.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { instantAtWallClock, localTime } from '../../src/shared/wall-clock.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import type { OpenedView } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  expectFeedbackSaved,
  messageText,
  openFromCard,
  pressInMessage,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/**
 * A whole GTM retro the way a marketing team runs it: five people in four time zones, a SWOT retro of the
 * Q3 product launch with four KPIs (a percentage, a lower-is-better currency), anonymous and named
 * feedback, the deadline's reveal, votes, Five Whys on a missed KPI, four action items, the close, the
 * export, the Home tab, then the weekly nudge and the week after. Each step asserts what people read and
 * press (the numbers are the points of the issue "What a marketing lead reads and presses").
 */

const CHANNEL = 'C0LAUNCH';
const PEOPLE = {
  USOFIA: { name: 'Sofia', tz: 'America/Chicago' },
  ULIAM: { name: 'Liam', tz: 'America/Los_Angeles' },
  URAJ: { name: 'Raj', tz: 'Europe/Berlin' },
  UCHLOE: { name: 'Chloe', tz: 'Europe/Berlin' },
  UMEI: { name: 'Mei', tz: 'Asia/Kolkata' },
} as const;
type Person = keyof typeof PEOPLE;
const DAY_MS = 86_400_000;
const A = ACTION_ITEM_IDS;
const W = FIVE_WHYS_IDS.blocks;

const KPIS = [
  'Win rate | 22% | 19%',
  'CAC | $180 | $212 | | lower',
  'Pipeline | 1,200 | 1,350 | opps',
  'MQLs | 500 | | leads',
];

let t: TestApp;
let retro: StartedRetro;
const user = (id: Person, channel = CHANNEL) => t.user(id, channel);
const dm = (id: string) => `D${id.slice(1)}`;
const row = () =>
  t.database.db.selectFrom('retros').selectAll().where('id', '=', retro.id).executeTakeFirstOrThrow();
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

function textOf(call: RecordedCall | undefined): string {
  return messageText(call?.body ?? {});
}
const postsAfter = (before: number, where: (c: RecordedCall) => boolean) =>
  t.slack.calls
    .slice(before)
    .filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true && where(c));
const inChannel = (c: RecordedCall) => c.body.channel === CHANNEL && !c.body.thread_ts;
const lastCard = () =>
  t.slack
    .callsOf('chat.update')
    .filter((c) => c.body.ts === retro.cardTs)
    .at(-1);

async function tick(): Promise<void> {
  await t.rearview.scheduler?.tick();
  await t.rearview.features.outbox.flush();
}

/** Option value (item id) by item text, from a ballot. */
function optionIds(view: OpenedView): Map<string, string> {
  const ids = new Map<string, string>();
  for (const block of view.blocks) {
    for (const group of (block.element?.option_groups ?? []) as {
      options: { text: { text: string }; value: string }[];
    }[])
      for (const o of group.options) ids.set(o.text.text, o.value);
  }
  return ids;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const [id, person] of Object.entries(PEOPLE)) t.slack.addUser({ id, ...person });
  t.slack.members.set(CHANNEL, ['UREARVIEW', ...Object.keys(PEOPLE)]);
});
afterAll(() => t?.close());

describe('a GTM retro of the Q3 product launch, end to end', () => {
  it('starts: the default deadline is 17:00 in the facilitator’s zone, voting has its own length (13, 6)', async () => {
    const before = t.slack.calls.length;
    await user('USOFIA').command('start Q3 product launch');
    const view = await user('USOFIA').waitForView(before);
    const deadline = view.blocks.find((b) => b.block_id === SETUP_IDS.blocks.deadline);
    const at = new Date(deadline?.element.initial_date_time * 1000);
    expect(localTime(at, 'America/Chicago')).toMatchObject({ hour: 17, minute: 0 });
    expect(
      view.blocks.find((b) => b.block_id === SETUP_IDS.blocks.votingLength)?.element.initial_option.text.text,
    ).toBe('1 day');
    await user('USOFIA').close(view);

    retro = await startRetro(t, user('USOFIA'), 'Q3 product launch', {
      [SETUP_IDS.blocks.kind]: 'launch',
      [SETUP_IDS.blocks.template]: 'swot',
      [SETUP_IDS.blocks.kpis]: KPIS.join('\n'),
      [SETUP_IDS.blocks.facilitators]: ['ULIAM'],
    });
    const stored = await row();
    expect(stored.template).toBe('swot');
    expect(stored.deadline_at?.getTime()).toBe(at.getTime());
  });

  it('shows participants only what they can press; facilitators’ controls are in one menu (8)', () => {
    const posted = t.slack.callsOf('chat.postMessage').find((c) => c.result?.ts === retro.cardTs);
    const row =
      ((posted?.body.blocks ?? []) as any[]).filter((b) => b.type === 'actions').at(-1)?.elements ?? [];
    expect(row.length).toBeLessThanOrEqual(3);
    expect(row.filter((e: any) => e.type === 'button').map((e: any) => e.text.text)).toEqual([
      'Add feedback',
      'My feedback',
    ]);
    expect(row.find((e: any) => e.type === 'overflow')?.options.map((o: any) => o.text.text)).toContain(
      'Reveal & start voting',
    );
  });

  it('reads the KPIs right on the card: actual vs target, the gap in points or money, the verdict in words (11)', async () => {
    const card = textOf(t.slack.callsOf('chat.postMessage').find((c) => c.result?.ts === retro.cardTs));
    expect(card).toContain(
      '⚠️ *Win rate*: 19% vs target 22% · missed, 3 percentage points worse than target (−13.6% relative)',
    );
    expect(card).toContain('⚠️ *CAC*: $212 vs target $180 · missed, $32 worse than target (+17.8%)');
    expect(card).toContain(
      '✅ *Pipeline*: 1,350 opps vs target 1,200 opps · met, 150 opps better than target',
    );
    expect(card).toContain('⏳ *MQLs*: not measured yet (target 500 leads)');
  });

  it('collects anonymous and named feedback', async () => {
    const submissions: [Person, Record<string, string>, boolean][] = [
      [
        'URAJ',
        {
          weaknesses: [
            'Legal review held the launch page for two weeks',
            'so the page went live after the webinar',
            '(legal review alone took 9 days)',
          ].join('\n'),
        },
        true,
      ],
      ['UCHLOE', { strengths: 'The launch webinar filled up in two days' }, false],
      ['UMEI', { threats: 'A competitor cut prices the week we launched' }, true],
      ['ULIAM', { opportunities: 'Partner co-marketing with the integrations team' }, false],
      ['USOFIA', { weaknesses: 'Sales heard about the launch late' }, false],
    ];
    for (const [id, sections, anonymous] of submissions) {
      expectFeedbackSaved(await addFeedback(t, user(id), retro, sections, anonymous));
      // The card's counts never move with one person's submission (15).
      await t.rearview.features.outbox.flush();
      expect(textOf(lastCard())).not.toMatch(/👥 [12] contributors?/);
    }
    // A list stays a list; the wrapped weakness above stays one item (14).
    const view = await openFromCard(t, user('UCHLOE'), ACTIONS.addFeedback, retro);
    const weaknesses = view.blocks.find((b) => b.block_id === 'section_weaknesses');
    expect(weaknesses?.hint.text).toContain('a line without either continues the item above');
    const reply = await user('UCHLOE').submit(view, {
      section_weaknesses:
        '- Briefs reached the agency late\n- Two launch dates in the plan & ~200 leads lost, see https://wiki.example/launch',
    });
    expectFeedbackSaved(reply);
    const bodies = (
      await t.database.db
        .selectFrom('feedback_items')
        .select('body')
        .where('retro_id', '=', retro.id)
        .execute()
    ).map((r) => r.body);
    expect(bodies).toContain(
      'Legal review held the launch page for two weeks so the page went live after the webinar (legal review alone took 9 days)',
    );
    expect(bodies).not.toContain('(legal review alone took 9 days)');
    expect(bodies).toEqual(
      expect.arrayContaining([
        'Briefs reached the agency late',
        'Two launch dates in the plan & ~200 leads lost, see https://wiki.example/launch',
      ]),
    );
  });

  it('moves to voting at the deadline out loud: the channel and the facilitators are told (6)', async () => {
    t.clock.set(new Date(((await row()).deadline_at as Date).getTime() + 60_000));
    const before = t.slack.calls.length;
    await tick();
    expect((await row()).phase).toBe('voting');
    const news = postsAfter(before, inChannel).map(textOf);
    expect(news).toHaveLength(1);
    expect(news[0]).toContain('Voting is open');
    expect(news[0]).toContain('3 votes each, until <!date^');
    const told = postsAfter(before, (c) => String(c.body.channel).startsWith('D')).map((c) => c.body.channel);
    expect(told.sort()).toEqual(['DLIAM', 'DSOFIA']);
    expect(textOf(lastCard())).toContain('⏰ Voting ends <!date^');
  });

  it('gives each ballot a receipt (7); reminds the people who have not voted, privately (6)', async () => {
    const ballots: [Person, string[]][] = [
      ['URAJ', ['A competitor cut prices the week we launched', 'Sales heard about the launch late']],
      ['UCHLOE', ['A competitor cut prices the week we launched']],
      [
        'UMEI',
        ['A competitor cut prices the week we launched', 'Partner co-marketing with the integrations team'],
      ],
    ];
    for (const [id, picks] of ballots) {
      const view = await openFromCard(t, user(id), ACTIONS.vote, retro);
      const ids = optionIds(view);
      const reply = await user(id).submit(view, { votes_0: picks.map((p) => ids.get(p) ?? p) });
      expect(reply.json?.view?.title?.text).toBe('Votes saved');
      expect(messageText({ blocks: reply.json?.view?.blocks })).toMatch(
        /Your \d votes? on \*Q3 product launch\* (is|are) saved; you can change (it|them) until voting ends\./,
      );
    }
    const stored = await row();
    t.clock.set(new Date((stored.voting_deadline_at as Date).getTime() - 2 * 60 * 60_000));
    const before = t.slack.calls.length;
    await tick();
    const reminded = postsAfter(before, (c) => String(c.body.channel).startsWith('D'));
    expect(reminded.map((c) => c.body.channel).sort()).toEqual(['DLIAM', 'DSOFIA']);
    expect(postsAfter(before, inChannel)).toEqual([]);
  });

  it('ends voting at its deadline, announced; the top items are the team’s picks overall (6, 9)', async () => {
    t.clock.set(new Date(((await row()).voting_deadline_at as Date).getTime() + 60_000));
    const before = t.slack.calls.length;
    await tick();
    expect((await row()).phase).toBe('discussing');
    expect(postsAfter(before, inChannel).map(textOf)).toEqual([expect.stringContaining('Voting has ended')]);
    const top = textOf(postsAfter(before, (c) => c.body.thread_ts === retro.cardTs)[0]);
    expect(top).toMatch(/1\. A competitor cut prices the week we launched \(3 votes\)/);
    expect(top).not.toMatch(/\b0 votes/);
  });

  it('takes the MQL actual typed with a thousands separator (11)', async () => {
    const view = await openFromCard(t, user('USOFIA'), ACTIONS.editKpis, retro);
    const kpis = await t.database.db
      .selectFrom('retro_kpis')
      .selectAll()
      .where('retro_id', '=', retro.id)
      .orderBy('position')
      .execute();
    const mqls = kpis.find((k) => k.metric === 'MQLs');
    const reply = await user('USOFIA').submit(view, { [kpiBlockId(mqls?.id as string)]: '1,050' });
    expect(reply.json?.response_action).not.toBe('errors');
    await waitFor(
      () => /MQLs\*: 1,050 leads vs target 500 leads · met/.test(textOf(lastCard())) || undefined,
      'the card to show the MQLs',
    );
  });

  let rootCauseItem = '';
  it('runs Five Whys on the missed win rate; the action is not pre-filled with the root cause (13)', async () => {
    const kpi = await t.database.db
      .selectFrom('retro_kpis')
      .select('id')
      .where('retro_id', '=', retro.id)
      .where('metric', '=', 'Win rate')
      .executeTakeFirstOrThrow();
    let before = t.slack.calls.length;
    await user('USOFIA').press(ACTIONS.fiveWhysOn(0), `kpi:${kpi.id}`, { messageTs: retro.cardTs });
    const whys = await user('USOFIA').waitForView(before);
    await user('USOFIA').submit(whys, {
      [W.why(1)]: 'Deals stalled at the security review',
      [W.why(2)]: 'Sales had no security one-pager',
      [W.rootCause]: 'No security collateral in the launch kit',
    });
    const chain = await waitFor(
      () =>
        t.database.db
          .selectFrom('five_whys')
          .select('id')
          .where('message_ts', 'is not', null)
          .executeTakeFirst(),
      'the chain',
    );
    before = t.slack.calls.length;
    await user('USOFIA').press(FIVE_WHYS_IDS.actions.toActionItem, chain.id);
    const view = await user('USOFIA').waitForView(before);
    expect(view.blocks.find((b) => b.block_id === A.blocks.text)?.element.initial_value).toBeUndefined();
    expect(messageText({ blocks: view.blocks.filter((b) => b.type === 'context') })).toContain(
      'No security collateral in the launch kit',
    );
    await user('USOFIA').submit(view, {
      [A.blocks.text]: 'Write a security one-pager for sales',
      [A.blocks.owner]: 'URAJ',
      [A.blocks.due]: isoDay(new Date(t.clock.now().getTime() + 14 * DAY_MS)),
    });
    rootCauseItem = (
      await waitFor(
        () =>
          t.database.db
            .selectFrom('action_items')
            .select('id')
            .where('owner_id', '=', 'URAJ')
            .where('dm_ts', 'is not', null)
            .executeTakeFirst(),
        'Raj’s item and its DM',
      )
    ).id;
  });

  it('adds three more action items from the channel', async () => {
    const now = t.clock.now().getTime();
    const items: [Person, string, number][] = [
      ['UCHLOE', 'Brief sales a week before launch', 3],
      ['UMEI', 'Track competitor pricing weekly', 5],
      ['ULIAM', 'Pitch co-marketing to two partners', 20],
    ];
    for (const [owner, title, days] of items) {
      await user('USOFIA').command(
        `action ${title} <@${owner}|x> due ${isoDay(new Date(now + days * DAY_MS))}`,
      );
    }
    await waitFor(
      async () =>
        (await t.database.db.selectFrom('action_items').select('id').where('dm_ts', 'is not', null).execute())
          .length === 4 || undefined,
      'four items with their DMs',
    );
  });

  /** Runs `/retro export` as Sofia: the answer comes at once, the file after it. */
  async function exportFile(): Promise<string> {
    // The close's KPI chart goes up first: the file counted here is the export's.
    await t.rearview.features.outbox.flush();
    const uploads = t.slack.uploads.length;
    const reply = await user('USOFIA').command('export');
    expect(reply.json?.text).toContain('Preparing the export…');
    await waitFor(() => t.slack.uploads.length > uploads || undefined, 'the export file');
    return t.slack.uploads.at(-1)?.content ?? '';
  }

  it('exports a document: names, no escaping noise, a true status (12)', async () => {
    const markdown = await exportFile();
    expect(markdown).toMatch(
      /\*\*Status:\*\* Discussing · exported \d{4}-\d\d-\d\d \d\d:\d\d \(America\/Chicago\)/,
    );
    expect(markdown).not.toContain('Closed');
    expect(markdown).toContain('Write a security one-pager for sales — Raj, due');
    expect(markdown).toContain('The launch webinar filled up in two days · Chloe');
    expect(markdown).toContain(
      '- Two launch dates in the plan & ~200 leads lost, see https://wiki.example/launch',
    );
    expect(markdown).not.toMatch(/<@|&amp;|\\~|\\:/);
    expect(markdown).toContain('**Retro thread:** https://');
  });

  it('closes: the summary opens with three lines a CMO reads and carries no buttons (10, 13)', async () => {
    const before = t.slack.calls.length;
    await user('USOFIA').press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    await waitFor(async () => ((await row()).phase === 'closed' ? true : undefined), 'the close');
    await t.rearview.features.outbox.flush();
    const summary = postsAfter(before, inChannel);
    const text = summary.map(textOf).join('\n');
    expect(text).toContain('*KPIs:* 2 of 4 measured met their target');
    expect(text).toContain('Worst miss: *CAC*');
    expect(text).toContain('*Top-voted:* A competitor cut prices the week we launched (3 votes');
    expect(text).toMatch(/\*Actions:\* 4 .*<@URAJ>/s);
    for (const post of summary) {
      expect(((post.body.blocks ?? []) as { type: string }[]).some((b) => b.type === 'actions')).toBe(false);
    }
    expect(text).toMatch(/Launch review · SWOT · Held <!date\^\d+\^\{date_short\}\|2026-11-24> – <!date\^/);
    expect(text).toContain('|Open the retro thread>');
    expect(textOf(lastCard())).toContain('the summary was posted in the channel');
    expect(await exportFile()).toMatch(/\*\*Status:\*\* Closed 2026-11-28 \d\d:\d\d \(America\/Chicago\)/);
    const status = await user('USOFIA').command('status');
    expect(messageText(status.json ?? {})).toMatch(/Q3 product launch/);
    expect(messageText(status.json ?? {})).toMatch(/0 of 4 action items done|4 open/);
  });

  it('the Home tab speaks each reader’s own zone from the first open and lists the retro once (5)', async () => {
    for (const id of ['USOFIA', 'ULIAM', 'URAJ'] as const) {
      const before = t.slack.calls.length;
      await t.sender.event({ type: 'app_home_opened', user: id, channel: dm(id), tab: 'home' });
      const home = await t.slack.waitForCall('views.publish', (c) => c.body.user_id === id, before);
      const text = messageText({ blocks: home.body.view.blocks });
      expect(text).toContain(`Mondays at 09:00 your time (${PEOPLE[id].tz})`);
      expect(text.split('*Q3 product launch* in <#C0LAUNCH>').length - 1, id).toBe(1);
    }
  });

  const nudges = new Map<Person, RecordedCall>();
  it('nudges each owner on Monday at 09:00 their time, with dates as tokens (4)', async () => {
    await refreshTimeZones(t.rearview.features, t.clock.now());
    const owners = ['URAJ', 'UCHLOE', 'UMEI', 'ULIAM'] as const;
    const moments = [
      ...new Set(owners.map((id) => instantAtWallClock(PEOPLE[id].tz, '2026-11-30', 9).getTime())),
    ];
    for (const at of moments.sort().map((ms) => new Date(ms))) {
      t.clock.set(at);
      const before = t.slack.calls.length;
      await queueNudges(t.rearview.features, at);
      await t.rearview.features.outbox.flush();
      for (const id of owners) {
        const nudge = postsAfter(before, (c) => c.body.channel === dm(id));
        const due = instantAtWallClock(PEOPLE[id].tz, '2026-11-30', 9).getTime() === at.getTime();
        expect(nudge, id).toHaveLength(due ? 1 : 0);
        if (!nudge[0]) continue;
        expect(textOf(nudge[0])).not.toMatch(/due 2026-/);
        expect(textOf(nudge[0])).toContain('<!date^');
        nudges.set(id, nudge[0]);
      }
    }
    expect([...nudges.keys()].sort()).toEqual([...owners].sort());
  });

  const pressIn = (message: RecordedCall, userId: string, actionId: string, itemId: string) =>
    pressInMessage(t, message, userId, actionId, itemId);

  const itemOf = (owner: string) =>
    t.database.db
      .selectFrom('action_items')
      .selectAll()
      .where('owner_id', '=', owner)
      .executeTakeFirstOrThrow();

  it('Done in the nudge changes that nudge, in place (1)', async () => {
    const chloe = await itemOf('UCHLOE');
    const nudge = nudges.get('UCHLOE') as RecordedCall;
    const before = t.slack.calls.length;
    await pressIn(nudge, 'UCHLOE', A.actions.done, chloe.id);
    const redrawn = await t.slack.waitForCall('chat.update', (c) => c.body.ts === nudge.result?.ts, before);
    expect(textOf(redrawn)).toContain('Marked done by <@UCHLOE>');
    expect((await itemOf('UCHLOE')).done_at).not.toBeNull();
  });

  it('Snooze a week says which nudge it skips (2)', async () => {
    const mei = await itemOf('UMEI');
    const nudge = nudges.get('UMEI') as RecordedCall;
    const before = t.slack.calls.length;
    await pressIn(nudge, 'UMEI', A.actions.snooze, mei.id);
    const redrawn = await t.slack.waitForCall('chat.update', (c) => c.body.ts === nudge.result?.ts, before);
    expect(textOf(redrawn)).toContain('left out of your weekly nudge of');
  });

  it('Reassign says who handed it over; the previous owner’s DM says it moved (3)', async () => {
    const raj = rootCauseItem;
    const nudge = nudges.get('URAJ') as RecordedCall;
    const before = t.slack.calls.length;
    await pressIn(nudge, 'URAJ', A.actions.reassign, raj);
    const view = await user('URAJ', 'DRAJ').waitForView(before);
    await user('URAJ', 'DRAJ').submit(view, { [A.blocks.owner]: 'UCHLOE' });
    const chloeDm = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === 'DCHLOE' && c.result?.ok === true,
      before,
    );
    expect(textOf(chloeDm)).toContain('<@URAJ> handed this action item over to you (created by <@USOFIA>)');
  });

  it('the week after: the snoozed item skips the nudge; the digest mentions only overdue owners (2, 4)', async () => {
    const at = instantAtWallClock(PEOPLE.UMEI.tz, '2026-12-07', 9);
    t.clock.set(at);
    let before = t.slack.calls.length;
    await queueNudges(t.rearview.features, at);
    await t.rearview.features.outbox.flush();
    const mei = postsAfter(before, (c) => c.body.channel === 'DMEI');
    expect(mei.map(textOf).join('\n')).not.toContain('Track competitor pricing weekly');

    // The digest goes out at the workspace's moment; step through Monday until it has.
    before = t.slack.calls.length;
    for (let hour = 0; hour < 36 && postsAfter(before, inChannel).length === 0; hour++) {
      const now = new Date(Date.UTC(2026, 11, 7, 0) + hour * 60 * 60_000);
      t.clock.set(now);
      await queueDigests(t.rearview.features, now);
      await t.rearview.features.outbox.flush();
    }
    const digest = postsAfter(before, inChannel).map(textOf).join('\n');
    // Mei's item is overdue (and snoozed): she is the one owner mentioned; the rest are listed by name only.
    expect(digest).toContain('Track competitor pricing weekly');
    expect(digest).toContain('<@UMEI>');
    expect(digest).not.toMatch(/<@(ULIAM|URAJ|UCHLOE)>/);
    expect(digest).not.toMatch(/due 2026-/);
  });

  it('offers no Messages tab to write to the bot, which would not answer (16)', () => {
    const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(true);
  });
});
