import type { webApi } from '@slack/bolt';
import type { Db } from '../db/database.js';
import { isOpenPhase, type Phase } from '../retro/phases.js';
import { messageLink } from '../slack/permalink.js';
import { type HistoryEntry, kpiFigures } from './history.js';
import { actionCountsOf, type HistoryRetroRow, kpisOf, latestRetrosIn } from './history.repository.js';

/** How many of a channel's retros `/retro history` lists: the latest ones. */
const CHANNEL_SHOWN = 20;

/** Retros as the history needs them; `Retro` of the retro feature has all of it. */
type RetroLike = Pick<HistoryRetroRow, 'id' | 'title' | 'channelId' | 'createdAt' | 'closedAt' | 'cardTs'> & {
  phase: string;
};

/**
 * The figures of some retros, in the order given, each linked to its card (asked of Slack together): the
 * summary is posted in the channel and its own message is not kept, so the card, whose thread holds the
 * retro, is what stays findable.
 */
export async function historyOf(
  db: Db,
  client: webApi.WebClient,
  retros: readonly RetroLike[],
): Promise<HistoryEntry[]> {
  const ids = retros.map((r) => r.id);
  const [kpis, actions, links] = await Promise.all([
    kpisOf(db, ids),
    actionCountsOf(db, ids),
    Promise.all(retros.map((r) => messageLink(client, r.channelId, r.cardTs))),
  ]);
  return retros.map((r, i) => ({
    id: r.id,
    title: r.title,
    channelId: r.channelId,
    open: isOpenPhase(r.phase as Phase),
    startedAt: r.createdAt,
    endedAt: r.closedAt,
    kpis: kpiFigures(kpis.get(r.id) ?? []),
    actions: actions.get(r.id) ?? { done: 0, created: 0 },
    link: links[i] ?? null,
  }));
}

/** A channel's retros, oldest first: the latest twenty. */
export async function channelHistory(
  db: Db,
  client: webApi.WebClient,
  teamId: string,
  channelId: string,
): Promise<HistoryEntry[]> {
  const latest = await latestRetrosIn(db, teamId, channelId, CHANNEL_SHOWN);
  return historyOf(db, client, latest.reverse());
}
