import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { Config } from '../config.js';

/**
 * Modal private_metadata travels through the user's Slack client and comes back in the submission.
 * It is sealed with an HMAC so a forged or edited payload (another retro, another channel) is
 * recognised and refused instead of trusted.
 */
export function metadataKey(config: Config): string {
  if (config.slack.metadataSecret) return config.slack.metadataSecret;
  return `rearview-metadata:${config.slack.signingSecret ?? config.slack.appToken ?? config.slack.botToken}`;
}

function mac(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

export function sealMetadata(key: string, data: Record<string, unknown>): string {
  const json = JSON.stringify(data);
  return JSON.stringify({ d: json, s: mac(key, json) });
}

export function openMetadata<T>(key: string, raw: string | undefined, schema: z.ZodType<T>): T | null {
  try {
    const outer = JSON.parse(raw ?? '') as { d?: unknown; s?: unknown };
    if (typeof outer.d !== 'string' || typeof outer.s !== 'string') return null;
    const expected = Buffer.from(mac(key, outer.d));
    const given = Buffer.from(outer.s);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const parsed = schema.safeParse(JSON.parse(outer.d));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
