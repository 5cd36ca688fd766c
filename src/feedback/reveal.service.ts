import type { DbOrTrx } from '../db/database.js';
import type { Retro } from '../retro/retro.js';
import { sectionsOf } from '../retro/templates.js';
import { shuffle } from '../shared/shuffle.js';
import type { Message } from '../slack/messages.js';
import { listItems } from './feedback.repository.js';
import { presentReveal } from './present-reveal.js';
import { recurringThemes } from './recurring-themes.service.js';

/** Whose names the reveal will show: ask Slack for them before the transaction that reveals. */
export { listAuthorIds as revealAuthors } from './reveal.repository.js';

export type RevealPosts =
  | { ok: true; messages: Message[] }
  | { ok: false; reason: 'names_missing'; authorIds: string[] };

/**
 * The reveal's posts, from the items as they are now: read under the phase change's lock, so an item
 * sent just before the change is revealed too. Its author may be one whose name was not asked: then
 * nothing is built and the caller asks Slack for `authorIds` (outside its transaction) and tries again.
 */
export async function revealPosts(
  db: DbOrTrx,
  retro: Retro,
  names: ReadonlyMap<string, string>,
): Promise<RevealPosts> {
  // Items of a section the template no longer has are not revealed.
  const sections = new Set(sectionsOf(retro.template).map((s) => s.id));
  const items = (await listItems(db, retro.id)).filter((i) => sections.has(i.section));
  const missing = items.flatMap((i) => (i.authorId && !names.has(i.authorId) ? [i.authorId] : []));
  if (missing.length) return { ok: false, reason: 'names_missing', authorIds: [...new Set(missing)] };
  const recurring = await recurringThemes(db, retro.id);
  // Shuffled whole: the presenter's grouping keeps the order, so each section's is as random as the whole.
  const revealed = shuffle(items).map((i) => {
    const recurrence = recurring.get(i.id);
    return {
      id: i.id,
      section: i.section,
      body: i.body,
      authorName: i.authorId ? (names.get(i.authorId) ?? null) : null,
      ...(recurrence ? { recurrence } : {}),
    };
  });
  return {
    ok: true,
    messages: presentReveal({ retroTitle: retro.title, template: retro.template, items: revealed }),
  };
}
