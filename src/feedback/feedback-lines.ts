export const MAX_ITEM_LENGTH = 500;
export const MAX_ITEMS_PER_SECTION = 50;

export type ParseFeedbackResult = { ok: true; items: string[] } | { ok: false; error: string };

// People paste lists from docs and notes; the bullet is formatting, not part of the item.
const LEADING_BULLET = /^(?:[-*\u2022]|\d+[.)])(?:\s+|$)/;

/** Counts what a person sees as characters, so an emoji is one, not two UTF-16 units. */
function characterCount(text: string): number {
  return [...text].length;
}

/**
 * Splits a section's text into items: a blank line or a line that starts with a list marker (`-`, `*`,
 * `•`, `1.`, `1)`) begins a new item, and any other line continues the one before it, so a thought that
 * wraps over several lines stays one item and a pasted list stays a list. Lines of one item are joined
 * with a space (every place an item is shown puts it on one line).
 */
export function splitItems(text: string): string[] {
  const items: string[][] = [];
  let current: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      current = null;
      continue;
    }
    const marked = LEADING_BULLET.test(line);
    const body = line.replace(LEADING_BULLET, '').trim();
    if (marked || current === null) {
      current = [];
      items.push(current);
    }
    if (body !== '') current.push(body);
  }
  return items.map((lines) => lines.join(' ')).filter((item) => item !== '');
}

/** A short quote of an item, for an error that names it. */
function opening(item: string): string {
  const words = item.split(/\s+/).slice(0, 5).join(' ');
  return words.length < item.length ? `${words}…` : words;
}

/**
 * The items of one section, within the limits. Slack sends null for an untouched input, which simply
 * means no items.
 */
export function parseFeedbackLines(text: string | null | undefined): ParseFeedbackResult {
  const items = splitItems(text ?? '');
  const tooLong = items
    .map((item, index) => ({ itemNo: index + 1, item, length: characterCount(item) }))
    .filter((t) => t.length > MAX_ITEM_LENGTH);

  const [first, ...others] = tooLong;
  if (first) {
    let error = `Item ${first.itemNo} (“${opening(first.item)}”) is ${first.length} characters; keep each item to ${MAX_ITEM_LENGTH} or fewer.`;
    if (others.length > 0) {
      const itemNos = others.map((t) => t.itemNo);
      error += ` ${itemNos.length === 1 ? 'Item' : 'Items'} ${joinList(itemNos)} ${itemNos.length === 1 ? 'is' : 'are'} too long as well.`;
    }
    return { ok: false, error };
  }
  if (items.length > MAX_ITEMS_PER_SECTION) {
    return {
      ok: false,
      error: `That's ${items.length} items; a section takes at most ${MAX_ITEMS_PER_SECTION}. Try merging a few.`,
    };
  }
  return { ok: true, items };
}

function joinList(values: readonly number[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

export type SubmissionResult =
  | { ok: true; items: { section: string; body: string }[] }
  | { ok: false; errors: Record<string, string> };

/**
 * One submission of the feedback modal: every section's lines, with errors keyed by section id.
 * At least one item in all, reported on the first section.
 */
export function parseSubmission(
  sectionIds: readonly string[],
  textOf: (sectionId: string) => string | null | undefined,
): SubmissionResult {
  const items: { section: string; body: string }[] = [];
  const errors: Record<string, string> = {};
  for (const section of sectionIds) {
    const parsed = parseFeedbackLines(textOf(section));
    if (parsed.ok) items.push(...parsed.items.map((body) => ({ section, body })));
    else errors[section] = parsed.error;
  }
  const first = sectionIds[0];
  if (Object.keys(errors).length === 0 && items.length === 0 && first !== undefined) {
    errors[first] = 'Add at least one item in any section.';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, items };
}

/** The text of one edited item: exactly one item of 1–500 characters (its lines are joined). */
export function parseSingleItem(
  text: string | null | undefined,
): { ok: true; body: string } | { ok: false; error: string } {
  const parsed = parseFeedbackLines(text);
  if (!parsed.ok) return parsed;
  const [body, ...more] = parsed.items;
  if (body === undefined || more.length > 0) {
    return {
      ok: false,
      error:
        'Write exactly one item: a blank line or a list marker starts another. To add more, use Add feedback on the retro card.',
    };
  }
  return { ok: true, body };
}
