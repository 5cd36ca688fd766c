import type { DigestItemRow } from './follow-up.js';

export interface DigestSections {
  done: DigestItemRow[];
  open: DigestItemRow[];
  overdue: DigestItemRow[];
}

/** A channel's week: done since the week began, still open, and overdue (due before `today`). */
export function digestSections(items: DigestItemRow[], today: string): DigestSections {
  const done = items.filter((i) => i.status === 'done');
  const open = items.filter((i) => i.status === 'open');
  return {
    done,
    open: open.filter((i) => i.dueDate >= today),
    overdue: open.filter((i) => i.dueDate < today),
  };
}
