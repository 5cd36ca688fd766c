import type { webApi } from '@slack/bolt';
import type { DbOrTrx } from '../db/database.js';
import { channelQueue, messageEdit, type OutboxMessage, type RenderedEdit } from '../outbox/index.js';
import { presentCard } from './present-card.js';
import type { CardModel, Retro } from './retro.js';
import { countRetro, findRetro, listKpis, previousRetroActions } from './retro.repository.js';

/** The outbox renderer of retro cards (see `cardEdit`). */
export const CARD_RENDERER = 'retro-card';
/** Slack allows a message about one edit a second; a burst of submissions needs far fewer. */
export const CARD_INTERVAL_MS = 2_000;

export async function loadCardModel(db: DbOrTrx, retro: Retro): Promise<CardModel> {
  const [kpis, counts, previousActions] = await Promise.all([
    listKpis(db, retro.id),
    countRetro(db, retro.id),
    previousRetroActions(db, retro),
  ]);
  return { retro, kpis, ...counts, previousActions };
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

/** Renders the card from the retro as it is when the edit goes out; nothing when it has no card (yet). */
export async function renderCard(
  db: DbOrTrx,
  job: { teamId: string; data: unknown },
): Promise<RenderedEdit | undefined> {
  const retroId = (job.data as { retroId?: unknown } | null)?.retroId;
  if (typeof retroId !== 'string') return undefined;
  const retro = await findRetro(db, job.teamId, retroId);
  if (!retro?.cardTs) return undefined;
  return {
    channel: retro.channelId,
    ts: retro.cardTs,
    content: { ...presentCard(await loadCardModel(db, retro)) },
  };
}

/** Posts a new retro's card in its channel; returns the message ts (the card is updated in place later). */
export async function postCard(
  db: DbOrTrx,
  client: webApi.WebClient,
  retro: Retro,
): Promise<string | undefined> {
  const posted = await client.chat.postMessage({
    channel: retro.channelId,
    ...presentCard(await loadCardModel(db, retro)),
  });
  return posted.ts;
}
