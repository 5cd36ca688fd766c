import type { webApi } from '@slack/bolt';
import type { DbOrTrx } from '../db/database.js';
import { type Logger, safeError } from '../logger.js';
import { presentCard } from './present-card.js';
import type { CardModel, Retro } from './retro.js';
import { countRetro, listKpis, previousRetroActions } from './retro.repository.js';

export async function loadCardModel(db: DbOrTrx, retro: Retro): Promise<CardModel> {
  const [kpis, counts, previousActions] = await Promise.all([
    listKpis(db, retro.id),
    countRetro(db, retro.id),
    previousRetroActions(db, retro),
  ]);
  return { retro, kpis, ...counts, previousActions };
}

/**
 * Re-renders the retro card in the channel. A failure here never undoes what the user did (it is
 * stored already), so it is logged and the next update will catch up.
 */
export async function refreshCard(
  db: DbOrTrx,
  client: webApi.WebClient,
  retro: Retro,
  logger: Logger,
): Promise<void> {
  if (!retro.cardTs) return;
  try {
    const card = presentCard(await loadCardModel(db, retro));
    await client.chat.update({ channel: retro.channelId, ts: retro.cardTs, ...card });
  } catch (error) {
    logger.warn({ err: safeError(error), retro: retro.id }, 'could not update the retro card');
  }
}
