/** How a retro's action items are going: counts, and the first few still open. */
export interface ActionProgress {
  done: number;
  open: number;
  /** Soonest due first, at most a few; `open` counts them all. */
  openItems: { text: string; ownerId: string; dueDate: string }[];
}
