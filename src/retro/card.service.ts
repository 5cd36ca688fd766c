import type { webApi } from '@slack/bolt';
import type { DbOrTrx } from '../db/database.js';
import {
  channelQueue,
  messageEdit,
  type Outbox,
  type OutboxMessage,
  type RenderedEdit,
} from '../outbox/index.js';
import { type Counts, countsToShow, QUIET_MS } from './card-counts.js';
import { findShownCounts, keepShownCounts, listCardsToCatchUp } from './card-counts.repository.js';
import { presentCard } from './present-card.js';
import type { CardModel, Retro } from './retro.js';
import { countRetro, findRetro, kpiHistoryOf, listKpis, previousRetroActions } from './retro.repository.js';

/** The outbox renderer of retro cards (see `cardEdit`). */
export const CARD_RENDERER = 'retro-card';
/** Slack allows a message about one edit a second; a burst of submissions needs far fewer. */
export const CARD_INTERVAL_MS = 2_000;

/**
 * What the card shows of a retro at `now`. While feedback is collected its counts are those the card may
 * show (card-counts.ts), not the stored ones; `behind` says the stored ones are ahead.
 */
async function cardState(
  db: DbOrTrx,
  retro: Retro,
  now: Date,
): Promise<{ model: CardModel; shown: Counts; behind: boolean; activityAt: Date }> {
  const [kpis, kpiHistory, counts, previousActions, kept] = await Promise.all([
    listKpis(db, retro.id),
    kpiHistoryOf(db, retro),
    countRetro(db, retro.id),
    previousRetroActions(db, retro),
    findShownCounts(db, retro.id),
  ]);
  // Without a record the feedback may have just arrived: the counts wait as they would after it.
  const shownBefore = kept ?? { contributors: 0, items: 0, activityAt: now };
  const { counts: shown, behind } = countsToShow(retro.phase, counts, shownBefore, now);
  return {
    model: { retro, kpis, kpiHistory, ...counts, ...shown, previousActions },
    shown,
    behind,
    activityAt: shownBefore.activityAt ?? now,
  };
}

/** The card as it is shown now (for `/retro status`: the same counts as the card in the channel). */
export async function loadCardModel(db: DbOrTrx, retro: Retro, now: Date): Promise<CardModel> {
  return (await cardState(db, retro, now)).model;
}

/**
 * The card should show the retro as it is now: an edit on the channel's queue (so it keeps its order with
 * the reveal and the other posts there), merged with any edit of the card still waiting, and rendered
 * when it is sent. `paced` (what submissions and ballots ask for, through the card pacer): at most one
 * every `CARD_INTERVAL_MS` per retro across copies of the bot. `now` (a phase change, KPI actuals): goes
 * at once, since what follows it on the queue (the reveal) must not wait out a pace.
 */
export function cardEdit(
  retro: Pick<Retro, 'id' | 'teamId' | 'channelId'>,
  when: 'paced' | 'now',
): OutboxMessage {
  return messageEdit(
    retro.teamId,
    channelQueue(retro.teamId, retro.channelId),
    { renderer: CARD_RENDERER, data: { retroId: retro.id } },
    `card:${retro.teamId}:${retro.id}`,
    when === 'paced' ? { paceMs: CARD_INTERVAL_MS } : {},
  );
}

/**
 * Renders the card from the retro as it is when the edit goes out, and keeps the counts it shows; nothing
 * when it has no card (yet).
 */
export async function renderCard(
  db: DbOrTrx,
  job: { teamId: string; data: unknown },
  now: Date,
): Promise<RenderedEdit | undefined> {
  const retroId = (job.data as { retroId?: unknown } | null)?.retroId;
  if (typeof retroId !== 'string') return undefined;
  const retro = await findRetro(db, job.teamId, retroId);
  if (!retro?.cardTs) return undefined;
  const state = await cardState(db, retro, now);
  await keepShownCounts(db, retro, state.shown, state.behind, state.activityAt);
  return { channel: retro.channelId, ts: retro.cardTs, content: { ...presentCard(state.model) } };
}

/** Cards that held their counts back, once the quiet spell has passed: their edit is queued (a job). */
export async function catchUpCards(ctx: { db: DbOrTrx; outbox: Outbox }, now: Date): Promise<number> {
  const due = await listCardsToCatchUp(ctx.db, new Date(now.getTime() - QUIET_MS));
  if (due.length === 0) return 0;
  await ctx.outbox.enqueue(
    ctx.db,
    due.map((retro) => cardEdit(retro, 'paced')),
  );
  ctx.outbox.kick();
  return due.length;
}

/** Posts a new retro's card in its channel; returns the message ts (the card is updated in place later). */
export async function postCard(
  db: DbOrTrx,
  client: webApi.WebClient,
  retro: Retro,
): Promise<string | undefined> {
  const posted = await client.chat.postMessage({
    channel: retro.channelId,
    ...presentCard(await loadCardModel(db, retro, retro.createdAt)),
  });
  return posted.ts;
}
