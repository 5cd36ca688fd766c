import type { webApi } from '@slack/bolt';
import type { DbOrTrx } from '../db/database.js';
import { type Logger, safeError } from '../logger.js';
import { presentCard } from './present-card.js';
import type { CardModel, Retro } from './retro.js';
import { countRetro, findRetro, listKpis, previousRetroActions } from './retro.repository.js';

export async function loadCardModel(db: DbOrTrx, retro: Retro): Promise<CardModel> {
  const [kpis, counts, previousActions] = await Promise.all([
    listKpis(db, retro.id),
    countRetro(db, retro.id),
    previousRetroActions(db, retro),
  ]);
  return { retro, kpis, ...counts, previousActions };
}

/**
 * Re-renders the retro card in the channel from the retro as it is now, not as the caller saw it:
 * a refresh that was started before a phase change must not put the old phase back. If the
 * phase moved while the update was on its way, it renders again. A failure here never undoes
 * what the user did (that is stored already), so it is logged and the next update catches up.
 */
export async function refreshCard(
  db: DbOrTrx,
  client: webApi.WebClient,
  retro: Pick<Retro, 'id' | 'teamId'>,
  logger: Logger,
): Promise<void> {
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await findRetro(db, retro.teamId, retro.id);
      if (!current?.cardTs) return;
      const card = presentCard(await loadCardModel(db, current));
      await client.chat.update({ channel: current.channelId, ts: current.cardTs, ...card });
      const after = await findRetro(db, retro.teamId, retro.id);
      if (after?.phase === current.phase) return;
    }
  } catch (error) {
    logger.warn({ err: safeError(error), retro: retro.id }, 'could not update the retro card');
  }
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
