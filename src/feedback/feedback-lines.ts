export const MAX_ITEM_LENGTH = 500;
export const MAX_ITEMS_PER_SECTION = 50;

export type ParseFeedbackResult = { ok: true; items: string[] } | { ok: false; error: string };

// People paste lists from docs and notes; the bullet is formatting, not part of the item.
const LEADING_BULLET = /^(?:[-*•]|\d+[.)])(?:\s+|$)/;

/** Counts what a person sees as characters, so an emoji is one, not two UTF-16 units. */
function characterCount(text: string): number {
  return [...text].length;
}

/**
 * One item per line. Slack sends null for an untouched input, which simply means no items.
 */
export function parseFeedbackLines(text: string | null | undefined): ParseFeedbackResult {
  const items: string[] = [];
  const tooLong: { lineNo: number; length: number }[] = [];
  (text ?? '').split(/\r?\n/).forEach((line, index) => {
    const item = line.trim().replace(LEADING_BULLET, '').trim();
    if (item === '') return;
    const length = characterCount(item);
    if (length > MAX_ITEM_LENGTH) tooLong.push({ lineNo: index + 1, length });
    items.push(item);
  });

  const [first, ...others] = tooLong;
  if (first) {
    let error = `Line ${first.lineNo} is ${first.length} characters; keep each item to ${MAX_ITEM_LENGTH} or fewer.`;
    if (others.length > 0) {
      const lineNos = others.map((t) => t.lineNo);
      error += ` ${lineNos.length === 1 ? 'Line' : 'Lines'} ${joinList(lineNos)} ${lineNos.length === 1 ? 'is' : 'are'} too long as well.`;
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
