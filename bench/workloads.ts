import { randomUUID } from 'node:crypto';
import { ACTIONS } from '../src/retro/card.ids.js';
import { waitFor } from '../test/harness/poll.js';
import type { FillValue } from '../test/harness/slack-user.js';
import type { TestApp } from '../test/harness/test-app.js';
import type { BareBolt } from './bare-bolt.js';
import {
  accepted,
  type BenchRetro,
  FACILITATOR,
  itemText,
  openFromCard,
  pressOnCard,
  sectionInputs,
  seedFeedback,
  startRetro,
  submitView,
} from './retro-driver.js';
import { type Burst, inProcess, type Sides, type Workload } from './rounds.js';
import type { BuildRequest, SenderProcess } from './sender-pool.js';

export interface Bench {
  t: TestApp;
  bare: BareBolt;
  /** The bare app that acknowledges a submission once it is committed (durable-floor.ts). */
  durable: BareBolt;
  senders: SenderProcess;
}

/** The same requests, built from k alone, to Rearview and to the bare app. */
function onBothSides(bench: Bench, build: BuildRequest): Sides<Burst> {
  return {
    rearview: bench.senders.burst(`${bench.t.baseUrl}/slack/events`, build, accepted),
    bare: bench.senders.burst(bench.bare.eventsUrl, build, accepted),
  };
}

/** For requests that store something: the same requests to the durable floor as well. */
function withDurableFloor(bench: Bench, build: BuildRequest): Sides<Burst> {
  return {
    ...onBothSides(bench, build),
    durable: bench.senders.burst(bench.durable.eventsUrl, build, accepted),
  };
}

/** Each row works in a channel (and retro) of its own, so rows do not see each other's data. */
let channels = 0;
function freshChannel(): string {
  return `C0BENCH${String(++channels).padStart(3, '0')}`;
}

export function help(bench: Bench): Workload {
  const channelId = freshChannel();
  return {
    name: '`/retro help`',
    bursts: onBothSides(bench, (sender, k) =>
      sender.command({ userId: `UHELP${k % 60}`, channelId }, 'help'),
    ),
  };
}

/** Feedback through the real modal: two items in the first section, one in the second, every other one anonymous. */
export async function feedback(bench: Bench, name: string, author: (k: number) => string): Promise<Workload> {
  const retro = await startRetro(bench.t, freshChannel(), name);
  const view = await openFromCard(bench.t, retro, ACTIONS.addFeedback, FACILITATOR);
  const [first = '', second = ''] = sectionInputs(view);
  const form = (k: number): Record<string, FillValue> => ({
    [first]: `- ${itemText(`k${k}a`)}\n- ${itemText(`k${k}b`, 120)}`,
    [second]: itemText(`k${k}c`, 80),
    anonymous: k % 2 === 0,
  });
  return {
    name,
    bursts: withDurableFloor(bench, (sender, k) => submitView(sender, view, author(k), form(k))),
  };
}

const TEAM = 60;

export function feedbackFromTeam(bench: Bench): Promise<Workload> {
  return feedback(bench, `feedback submit, ${TEAM} people submitting repeatedly`, (k) => `UTEAM${k % TEAM}`);
}

export function feedbackFromCrowd(bench: Bench, people: number): Promise<Workload> {
  return feedback(
    bench,
    `feedback submit, ${people.toLocaleString('en')} different people`,
    (k) => `UCROWD${k}`,
  );
}

const BALLOT_ITEMS = 300;

/** Ballots of the team on a retro of 300 items; each ballot uses the whole budget on items that vary with k. */
export async function vote(bench: Bench): Promise<Workload> {
  const { t } = bench;
  const retro = await startRetro(t, freshChannel(), 'Bench votes');
  const authors = Array.from({ length: TEAM }, (_, i) => `UTEAM${i}`);
  const lines = Array.from({ length: BALLOT_ITEMS }, (_, i) => itemText(`v${i}`, 40 + (i % 5) * 30));
  await seedFeedback(t, retro, lines, authors);
  await startVotingAndWait(t, retro, BALLOT_ITEMS, 'v');
  const ballot = await openFromCard(t, retro, ACTIONS.vote, 'UTEAM0');
  const select = ballot.blocks.find((b) => b.type === 'input' && b.element?.type === 'multi_static_select');
  if (!select) throw new Error('The ballot has no list of items');
  const options: string[] = (select.element.option_groups ?? []).flatMap(
    (g: { options: { value: string }[] }) => g.options.map((o) => o.value),
  );
  const budget = Math.min(3, Number(select.element.max_selected_items ?? 3));
  const picks = (k: number) =>
    Array.from({ length: budget }, (_, j) => options[(k * budget + j) % options.length]);
  return {
    name: `vote (ballot of ${BALLOT_ITEMS} items, ${TEAM} people voting repeatedly)`,
    bursts: withDurableFloor(bench, (sender, k) =>
      submitView(sender, ballot, `UTEAM${k % TEAM}`, { [String(select.block_id)]: picks(k) as string[] }),
    ),
  };
}

const REVEAL_ITEMS = 2_000;
const REVEAL_AUTHORS = Array.from({ length: 8 }, (_, i) => `UAUTHOR${i}`);

/**
 * *Start voting* on a retro of 2,000 items: from the press until every item has reached the fake Slack.
 * The bare app only acknowledges the press, so its side is the floor of any phase change.
 */
export function reveal(bench: Bench): Workload {
  const { t } = bench;
  for (const [i, id] of REVEAL_AUTHORS.entries()) t.slack.addUser({ id, name: `Author ${i + 1}` });
  const retros = new Map<number, BenchRetro>();
  return {
    name: `phase change: reveal of ${REVEAL_ITEMS.toLocaleString('en')} items, press → last post`,
    async beforeBurst(side, firstK, count) {
      if (side !== 'rearview') return;
      for (let k = firstK; k < firstK + count; k++) {
        const retro = await startRetro(t, freshChannel(), `Bench reveal ${k}`);
        const lines = Array.from({ length: REVEAL_ITEMS }, (_, i) => itemText(`r${k}i${i}`));
        await seedFeedback(t, retro, lines, REVEAL_AUTHORS);
        retros.set(k, retro);
      }
    },
    bursts: {
      rearview: inProcess(async (k) => {
        const retro = retros.get(k);
        if (!retro) return false;
        await startVotingAndWait(t, retro, REVEAL_ITEMS, `r${k}i`);
        return true;
      }),
      bare: bench.senders.burst(
        bench.bare.eventsUrl,
        (sender, k) => {
          const nowhere = { id: randomUUID(), cardTs: '1700000000.000001', channelId: `C0BARE${k}` };
          return pressOnCard(sender, nowhere, ACTIONS.startVoting, FACILITATOR);
        },
        accepted,
      ),
    },
  };
}

/** Presses *Start voting* and waits until every item tagged `${tagPrefix}<n>` was posted in the retro's channel. */
async function startVotingAndWait(t: TestApp, retro: BenchRetro, items: number, tagPrefix: string) {
  let cursor = t.slack.calls.length;
  const reply = await pressOnCard(t.sender, retro, ACTIONS.startVoting, FACILITATOR);
  if (!accepted(reply)) throw new Error(`Start voting was refused: ${reply.text}`);
  const tag = new RegExp(`\\b${tagPrefix}\\d+\\b`, 'g');
  const seen = new Set<string>();
  await waitFor(
    () => {
      for (; cursor < t.slack.calls.length; cursor++) {
        const call = t.slack.calls[cursor];
        if (call?.method !== 'chat.postMessage' || call.body.channel !== retro.channelId) continue;
        for (const match of JSON.stringify(call.body.blocks ?? []).matchAll(tag)) seen.add(match[0]);
      }
      return seen.size >= items;
    },
    `the reveal of ${items} items`,
    120_000,
  );
}
