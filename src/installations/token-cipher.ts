import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Keys by id; the first one seals, every one opens (so an old key can stay while rows are re-sealed). */
export interface TokenKeyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export interface Sealed {
  keyId: string;
  /** base64 of iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
  sealed: string;
}

const KEY_BYTES = 32;

/**
 * Reads `TOKEN_ENCRYPTION_KEY`: one base64 key of 32 bytes (its id is "k1"), or `id:key` pairs separated by
 * commas, the first sealing new tokens. Returns a problem text instead of throwing, for the config report.
 */
export function parseKeyring(value: string): TokenKeyring | string {
  const keys = new Map<string, Buffer>();
  const parts = value.split(',').map((p) => p.trim());
  for (const [index, part] of parts.entries()) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : `k${index + 1}`;
    const key = Buffer.from(colon > 0 ? part.slice(colon + 1) : part, 'base64');
    if (key.length !== KEY_BYTES)
      return `key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`;
    if (keys.has(id)) return `key id "${id}" appears twice`;
    keys.set(id, key);
  }
  const current = keys.keys().next().value;
  return current ? { current, keys } : 'is empty';
}

/** AES-256-GCM: a changed byte, or the wrong key, fails to open rather than yielding garbage. */
export function seal(keyring: TokenKeyring, plain: string, context: string): Sealed {
  const key = keyring.keys.get(keyring.current) as Buffer;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // Bound to its row, so a sealed value copied to another workspace's row does not open there.
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    keyId: keyring.current,
    sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
  };
}

export function open(keyring: TokenKeyring, { keyId, sealed }: Sealed, context: string): string {
  const key = keyring.keys.get(keyId);
  if (!key)
    throw new Error(`installation sealed with key "${keyId}", which TOKEN_ENCRYPTION_KEY no longer has`);
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
