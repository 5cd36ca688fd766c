/**
 * Slack's budgets per workspace and method, kept on our side so a round of messages arrives just inside
 * them instead of being refused: each (workspace, method) goes at its tier's rate with a short burst
 * (the generic cell rate algorithm: a theoretical arrival time, `tat`, that each call moves on by the
 * method's interval). A 429 moves that workspace's method past the Retry-After Slack gave. A message
 * that must wait gets a slot of its own, so the rest of the round waits once, not again and again;
 * other workspaces and methods are never touched. Kept in memory: each copy of the bot paces itself.
 */

/** Gap between two calls of a method within one workspace: Slack's tiers (Tier 3 50+/min, Tier 4 100+/min). */
export const METHOD_INTERVAL_MS: Readonly<Record<string, number>> = {
  'chat.postMessage': 205,
  'chat.update': 205,
  'chat.postEphemeral': 205,
  'conversations.open': 1_220,
  'users.info': 610,
};
/** Calls that may go back to back before the pace applies. */
const BURST = 8;

export class RateGate {
  private readonly tat = new Map<string, number>();
  /** Slots handed out: `message key` → when its call may go (already counted in `tat`). */
  private readonly slots = new Map<string, number>();

  constructor(private readonly intervals: Readonly<Record<string, number>> = METHOD_INTERVAL_MS) {}

  /** 0 when `message`'s call of `method` in `team` may go now; otherwise the instant (ms) to come back. */
  admit(team: string, method: string, message: string, now: number): number {
    const key = `${team} ${method}`;
    const slotKey = `${message} ${key}`;
    const mine = this.slots.get(slotKey);
    if (mine !== undefined) {
      if (mine > now) return mine;
      this.slots.delete(slotKey);
      return 0;
    }
    const interval = this.intervals[method];
    const tat = Math.max(this.tat.get(key) ?? now, now);
    if (interval === undefined) {
      // Not paced, but held past a Retry-After Slack gave for it.
      return tat > now ? this.reserve(slotKey, tat) : 0;
    }
    const earliest = tat - (BURST - 1) * interval;
    this.tat.set(key, tat + interval);
    return earliest <= now ? 0 : this.reserve(slotKey, earliest);
  }

  /** Slack answered 429: nothing of this method in this workspace before `retryAfterMs` has passed. */
  limited(team: string, method: string, retryAfterMs: number, now: number): void {
    const key = `${team} ${method}`;
    const interval = this.intervals[method] ?? 0;
    // After the wait, calls resume one interval apart rather than in a burst.
    const resume = now + retryAfterMs + (BURST - 1) * interval;
    this.tat.set(key, Math.max(this.tat.get(key) ?? 0, resume));
  }

  private reserve(slotKey: string, at: number): number {
    this.slots.set(slotKey, at);
    return at;
  }
}
