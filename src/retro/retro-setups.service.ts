import type { Db } from '../db/database.js';
import type { Retro } from './retro.js';
import { findRetro } from './retro.repository.js';

/** What a retro was set up with. None of it changes once the retro exists. */
export type RetroSetup = Pick<
  Retro,
  'id' | 'teamId' | 'channelId' | 'title' | 'kind' | 'template' | 'voteBudget' | 'anonymousDefault'
>;

export interface RetroSetups {
  /** The retro's set-up, or null when there is no such retro in that team. */
  get(teamId: string, retroId: string): Promise<RetroSetup | null>;
}

/**
 * Retro set-ups kept in memory. When a whole team submits at once, each submission needs the
 * retro's template and title before its group is written; asking the database fifty times for the
 * same row would queue them all on the pool. Because a set-up never changes, a kept copy is never
 * stale across copies of the bot; what does change (the phase) is checked where it is written.
 * Lookups of one retro that are under way are shared, and at most `max` retros are kept.
 */
export function createRetroSetups(db: Db, max = 1_000): RetroSetups {
  const kept = new Map<string, Promise<RetroSetup | null>>();
  return {
    get(teamId, retroId) {
      const key = `${teamId}:${retroId}`;
      const known = kept.get(key);
      if (known) {
        // Most recently used last, so the oldest is the one dropped.
        kept.delete(key);
        kept.set(key, known);
        return known;
      }
      const loading = findRetro(db, teamId, retroId).then((retro) => retro && setupOf(retro));
      kept.set(key, loading);
      const forget = () => {
        if (kept.get(key) === loading) kept.delete(key);
      };
      loading.then((setup) => setup ?? forget(), forget);
      if (kept.size > max) kept.delete(kept.keys().next().value as string);
      return loading;
    },
  };
}

function setupOf(retro: Retro): RetroSetup {
  const { id, teamId, channelId, title, kind, template, voteBudget, anonymousDefault } = retro;
  return { id, teamId, channelId, title, kind, template, voteBudget, anonymousDefault };
}
