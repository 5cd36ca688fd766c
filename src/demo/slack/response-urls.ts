import { randomBytes } from 'node:crypto';

/** Where a response URL's replies go: beside the command, or onto the message whose button was pressed. */
export type ResponseSource =
  | { kind: 'command'; userId: string; channel: string }
  | { kind: 'message'; userId: string; channel: string; ts: string; ephemeral: boolean; threadTs?: string };

/** Slack's limits: five replies within thirty minutes. */
const USES = 5;
const LIFETIME_MS = 30 * 60_000;

export class ResponseUrls {
  private readonly urls = new Map<string, ResponseSource & { at: number; left: number }>();

  register(source: ResponseSource): string {
    const id = randomBytes(9).toString('hex');
    this.urls.set(id, { ...source, at: Date.now(), left: USES });
    return id;
  }

  /** Takes one use of the URL: its source, or undefined when unknown, used up or expired. */
  use(id: string): ResponseSource | undefined {
    const url = this.urls.get(id);
    if (!url || url.left <= 0 || Date.now() - url.at > LIFETIME_MS) return undefined;
    url.left -= 1;
    return url;
  }
}
