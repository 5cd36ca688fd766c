import type { webApi } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { postCard } from '../retro/card.service.js';
import { seriesKeyOf } from '../retro/kpi.js';
import type { Retro } from '../retro/retro.js';
import { seriesKeysOfMetrics } from '../retro/retro.service.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import { cancelUnstartedRetro, insertRetro, type NewRetro, setCardTs } from './setup.repository.js';

/**
 * Stores a new retro with its KPIs within the caller's transaction (a schedule's start, which moves the
 * schedule on in the same one); null when the channel already has an open retro.
 */
export async function insertRetroIn(trx: DbOrTrx, input: NewRetro): Promise<Retro | null> {
  return insertRetro(trx, await inTheirSeries(trx, input));
}

/** A KPI typed as it was last time stays in that KPI's series, even one linked to an older name. */
async function inTheirSeries(trx: DbOrTrx, input: NewRetro): Promise<NewRetro> {
  const keys = await seriesKeysOfMetrics(
    trx,
    input.teamId,
    input.channelId,
    input.kpis.map((kpi) => kpi.metric),
  );
  const kpis = input.kpis.map((kpi) => {
    const seriesKey = kpi.seriesKey ?? keys.get(seriesKeyOf(kpi.metric));
    return seriesKey ? { ...kpi, seriesKey } : kpi;
  });
  return { ...input, kpis };
}

/** Stores a new retro with its KPIs in one transaction; one open retro per channel. */
export async function createRetro(
  db: Db,
  input: NewRetro,
): Promise<{ ok: true; retro: Retro } | { ok: false; reason: 'channel_has_open_retro' }> {
  const retro = await db.transaction().execute((trx) => insertRetroIn(trx, input));
  return retro ? { ok: true, retro } : { ok: false, reason: 'channel_has_open_retro' };
}

/**
 * Posts the new retro's card. Without a card nobody can take part, so when Slack refuses it the
 * start is undone and the caller tells the creator.
 */
export async function postFirstCard(
  ctx: FeatureContext,
  client: webApi.WebClient,
  retro: Retro,
  onStarted: OnRetroStarted,
): Promise<{ ok: true; retro: Retro } | { ok: false; reason: 'card_not_posted'; error: unknown }> {
  let started: Retro;
  try {
    const ts = await postCard(ctx.db, client, retro);
    if (ts) await setCardTs(ctx.db, retro.id, ts);
    started = { ...retro, cardTs: ts ?? retro.cardTs };
  } catch (error) {
    await cancelUnstartedRetro(ctx.db, retro.id, ctx.clock.now());
    return { ok: false, reason: 'card_not_posted', error };
  }
  await onStarted(ctx, started);
  return { ok: true, retro: started };
}
