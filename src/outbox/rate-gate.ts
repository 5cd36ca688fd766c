/**
 * Slack's budgets per workspace and method, kept on our side so a round of messages arrives just inside
 * them instead of being refused: each (workspace, method) goes at its budget's rate with a short burst
 * (the generic cell rate algorithm: a theoretical arrival time, `tat`, that each call moves on by the
 * method's interval). A 429 moves that workspace's method past the Retry-After Slack gave and slows it:
 * Slack's real budget for that workspace is below ours, so its interval grows, and shrinks back to the
 * budget's after each quiet half-minute. A message that must wait gets a slot of its own, so the rest of the
 * round waits once, not again and again; other workspaces and methods are never touched. Kept in memory:
 * each copy of the bot paces itself.
 */

/** A method's budget within one workspace: calls per minute, and how many may go back to back. */
export interface MethodBudget {
  perMinute: number;
  burst?: number;
}

/** Slack's tiers (T3 50+/min, T4 100+/min); chat.postMessage is "special": ~1/s per channel, more per workspace. */
export const SLACK_TIER_BUDGETS: Readonly<Record<string, MethodBudget>> = {
  'chat.postMessage': { perMinute: 290 },
  'chat.update': { perMinute: 50 },
  'chat.postEphemeral': { perMinute: 100 },
  'conversations.open': { perMinute: 50 },
  'users.info': { perMinute: 100 },
};
const DEFAULT_BURST = 8;
/** Each 429 slows the method by this much, up to `MAX_SLOWDOWN` times its budget's interval. */
const SLOWDOWN = 1.25;
const MAX_SLOWDOWN = 2;
/** Each quiet half-minute after a 429 takes one step of slowing back. */
const RECOVER_MS = 30_000;
/** Slots kept before the long-past ones are looked for. */
const SLOTS_KEPT = 10_000;

interface MethodState {
  tat: number;
  slowdown: number;
  limitedAt: number;
}

export class RateGate {
  private readonly state = new Map<string, MethodState>();
  /** Slots handed out: `message key` → when its call may go (already counted in `tat`). */
  private readonly slots = new Map<string, number>();
  private pruneAt = SLOTS_KEPT;

  constructor(private readonly budgets: Readonly<Record<string, MethodBudget>> = SLACK_TIER_BUDGETS) {}

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
    const state = this.stateOf(key);
    const tat = Math.max(state.tat, now);
    const budget = this.budgets[method];
    if (!budget) {
      // Not paced, but held past a Retry-After Slack gave for it.
      return tat > now ? this.reserve(slotKey, tat) : 0;
    }
    const interval = this.interval(budget, state, now);
    const earliest = tat - (burstOf(budget) - 1) * interval;
    state.tat = tat + interval;
    return earliest <= now ? 0 : this.reserve(slotKey, earliest);
  }

  /** Slack answered 429: nothing of this method in this workspace before `retryAfterMs`, and slower after. */
  limited(team: string, method: string, retryAfterMs: number, now: number): void {
    const state = this.stateOf(`${team} ${method}`);
    state.slowdown = Math.min(MAX_SLOWDOWN, this.recovered(state, now) * SLOWDOWN);
    state.limitedAt = now;
    const budget = this.budgets[method];
    // After the wait, calls resume one interval apart rather than in a burst.
    const resume = budget
      ? now + retryAfterMs + (burstOf(budget) - 1) * this.interval(budget, state, now)
      : now + retryAfterMs;
    state.tat = Math.max(state.tat, resume);
  }

  /** The gap between two calls of `method` in `team` now (ms); 0 when it is not paced. */
  intervalOf(team: string, method: string, now: number): number {
    const budget = this.budgets[method];
    return budget ? this.interval(budget, this.stateOf(`${team} ${method}`), now) : 0;
  }

  private interval(budget: MethodBudget, state: MethodState, now: number): number {
    return (60_000 / budget.perMinute) * this.recovered(state, now);
  }

  /** The slowdown left after the quiet minutes since the last 429. */
  private recovered(state: MethodState, now: number): number {
    if (state.slowdown <= 1) return 1;
    const steps = Math.floor((now - state.limitedAt) / RECOVER_MS);
    return Math.max(1, state.slowdown / SLOWDOWN ** steps);
  }

  private stateOf(key: string): MethodState {
    let state = this.state.get(key);
    if (!state) {
      state = { tat: 0, slowdown: 1, limitedAt: 0 };
      this.state.set(key, state);
    }
    return state;
  }

  private reserve(slotKey: string, at: number): number {
    // A slot whose message never came back (another copy sent it) is dropped once long past.
    if (this.slots.size >= this.pruneAt) {
      for (const [key, slot] of this.slots) if (slot < at - RECOVER_MS) this.slots.delete(key);
      this.pruneAt = Math.max(SLOTS_KEPT, this.slots.size * 2);
    }
    this.slots.set(slotKey, at);
    return at;
  }
}

function burstOf(budget: MethodBudget): number {
  return Math.max(1, budget.burst ?? DEFAULT_BURST);
}
