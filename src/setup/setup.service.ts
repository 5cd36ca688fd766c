import type { webApi } from '@slack/bolt';
import type { Db } from '../db/database.js';
import { postCard } from '../retro/card.service.js';
import type { Retro } from '../retro/retro.js';
import { cancelUnstartedRetro, insertRetro, type NewRetro, setCardTs } from './setup.repository.js';

/** Stores a new retro with its KPIs in one transaction; one open retro per channel. */
export async function createRetro(
  db: Db,
  input: NewRetro,
): Promise<{ ok: true; retro: Retro } | { ok: false; reason: 'channel_has_open_retro' }> {
  const retro = await db.transaction().execute((trx) => insertRetro(trx, input));
  return retro ? { ok: true, retro } : { ok: false, reason: 'channel_has_open_retro' };
}

/**
 * Posts the new retro's card. Without a card nobody can take part, so when Slack refuses it the
 * start is undone and the caller tells the creator.
 */
export async function postFirstCard(
  db: Db,
  client: webApi.WebClient,
  retro: Retro,
  now: Date,
): Promise<{ ok: true } | { ok: false; reason: 'card_not_posted'; error: unknown }> {
  try {
    const ts = await postCard(db, client, retro);
    if (ts) await setCardTs(db, retro.id, ts);
    return { ok: true };
  } catch (error) {
    await cancelUnstartedRetro(db, retro.id, now);
    return { ok: false, reason: 'card_not_posted', error };
  }
}
