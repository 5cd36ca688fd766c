import { randomBytes } from 'node:crypto';

/** Slack's limit: a trigger opens one view, within 3 seconds of the click that made it. */
export const TRIGGER_TTL_MS = 3_000;

/** The trigger ids handed to the app with each click, and who clicked. */
export class Triggers {
  private readonly issued = new Map<string, { userId: string; at: number; used: boolean }>();

  /** `ttlMs`: how long a trigger lasts, by the machine's clock (the demo clock may jump; clicks do not). */
  constructor(private readonly ttlMs = TRIGGER_TTL_MS) {}

  issue(userId: string): string {
    const id = `${Date.now()}.${randomBytes(6).toString('hex')}`;
    this.issued.set(id, { userId, at: Date.now(), used: false });
    // Old ones can only ever answer expired_trigger_id; keep the map small.
    for (const [key, t] of this.issued) if (Date.now() - t.at > 60_000) this.issued.delete(key);
    return id;
  }

  /** Uses a trigger up: whose it was, or Slack's error. */
  take(id: unknown): { userId: string } | { error: string } {
    if (typeof id !== 'string' || id === '') return { error: 'invalid_arguments' };
    const trigger = this.issued.get(id);
    if (!trigger) return { error: /^\d+\.[0-9a-f]+$/.test(id) ? 'expired_trigger_id' : 'invalid_trigger_id' };
    if (trigger.used || Date.now() - trigger.at > this.ttlMs) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { userId: trigger.userId };
  }
}
