/**
 * Each workspace's token for the outbox, asked of the install store at most once a minute: a Monday round
 * sends dozens of messages per workspace, and every lookup costs two reads and two decryptions. A minute is
 * far inside a token's life (Bolt refreshes a rotating token two hours before it ends). A token Slack
 * refuses is forgotten (`forget`), so a workspace that reinstalled meanwhile gets its new token at once.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly lookup: (teamId: string) => Promise<string>,
    private readonly now: () => number,
    private readonly ttlMs = 60_000,
  ) {}

  /** The token, and whether it was looked up before this call (so it may be stale). */
  async get(teamId: string): Promise<{ token: string; cached: boolean }> {
    const at = this.now();
    const hit = this.entries.get(teamId);
    if (hit && hit.until > at) return { token: await hit.token, cached: true };
    // One lookup for the calls that ask at once; a failed one is not kept.
    const entry: Entry = { token: this.lookup(teamId), until: at + this.ttlMs };
    this.entries.set(teamId, entry);
    try {
      return { token: await entry.token, cached: false };
    } catch (error) {
      if (this.entries.get(teamId) === entry) this.entries.delete(teamId);
      throw error;
    }
  }

  /** Slack refused `token`: the next call for this workspace asks the store again. */
  async forget(teamId: string, token: string): Promise<void> {
    const entry = this.entries.get(teamId);
    if (!entry) return;
    const kept = await entry.token.catch(() => undefined);
    if (kept === token && this.entries.get(teamId) === entry) this.entries.delete(teamId);
  }
}

interface Entry {
  token: Promise<string>;
  until: number;
}
