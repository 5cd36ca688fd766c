import { describe, expect, it } from 'vitest';
import { open, parseKeyring, seal, type TokenKeyring } from '../../src/installations/token-cipher.js';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const ring = (value: string) => parseKeyring(value) as TokenKeyring;

describe('tokens sealed at rest', () => {
  it('opens what it sealed, and the sealed text does not contain the token', () => {
    const keyring = ring(key(1));
    const sealed = seal(keyring, 'xoxb-secret', 'row-1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed).not.toContain('xoxb');
    expect(open(keyring, sealed, 'row-1')).toBe('xoxb-secret');
  });

  it('refuses a changed byte, another row’s context and the wrong key', () => {
    const keyring = ring(`a:${key(1)}`);
    const sealed = seal(keyring, 'xoxb-secret', 'row-1');
    const raw = Buffer.from(sealed.sealed, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => open(keyring, { ...sealed, sealed: raw.toString('base64') }, 'row-1')).toThrow();
    expect(() => open(keyring, sealed, 'row-2')).toThrow();
    expect(() => open(ring(`a:${key(2)}`), sealed, 'row-1')).toThrow();
  });

  it('seals with the first key and still opens with an older one', () => {
    const old = seal(ring(`old:${key(1)}`), 'xoxb-old', 'r');
    const rotated = ring(`new:${key(2)},old:${key(1)}`);
    expect(open(rotated, old, 'r')).toBe('xoxb-old');
    expect(seal(rotated, 'xoxb-new', 'r').keyId).toBe('new');
    expect(() => open(ring(`new:${key(2)}`), old, 'r')).toThrow(/no longer has/);
  });

  it('reports a key of the wrong length or a repeated id', () => {
    expect(parseKeyring('c2hvcnQ=')).toMatch(/32 bytes/);
    expect(parseKeyring(`a:${key(1)},a:${key(2)}`)).toMatch(/twice/);
  });
});
