/**
 * Recurring themes: an item of a retro that resembles an item or a Five Whys root cause of one of the
 * channel's earlier retros (not cancelled, revealed) came up before. Resemblance is trigram similarity,
 * computed by the database; the threshold was chosen on realistic Go-to-Market items
 * (`test/fixtures/gtm-themes.ts`, where it keeps precision and recall near 1): below it, items that
 * share a topic but not a complaint ("the launch slipped", "the launch went smoothly") start to match.
 */
export const RESEMBLANCE_THRESHOLD = 0.35;

/** How many of the channel's earlier retros are compared with, most recent first. */
export const LOOKBACK_RETROS = 12;

/** From this many retros in a row (this one included) the mark says so. */
export const IN_A_ROW_FROM = 3;

/** An earlier retro with an item like this one; `back` 1 is the channel's retro just before this one. */
export interface EarlierMatch {
  retroId: string;
  title: string;
  back: number;
}

export interface Recurrence {
  /** The earlier retros' titles, most recent first, each once. */
  titles: string[];
  /** This retro and the earlier ones right before it that said it too; null below `IN_A_ROW_FROM`. */
  inARow: number | null;
}

export function recurrenceOf(matches: readonly EarlierMatch[]): Recurrence | null {
  const byRetro = new Map<string, EarlierMatch>();
  for (const m of [...matches].sort((a, b) => a.back - b.back)) {
    if (!byRetro.has(m.retroId)) byRetro.set(m.retroId, m);
  }
  if (byRetro.size === 0) return null;
  const backs = new Set([...byRetro.values()].map((m) => m.back));
  let run = 1;
  while (backs.has(run)) run += 1;
  return { titles: [...byRetro.values()].map((m) => m.title), inARow: run >= IN_A_ROW_FROM ? run : null };
}
