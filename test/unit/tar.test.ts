import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_FILE, snapshotFolder } from '../../src/db/embedded-snapshot.js';
import { tarEntries } from '../../src/db/tar.js';

/** One ustar header (checksum left blank: the reader trusts the archive it was shipped with). */
function header(name: string, type: string, size: number, { magic = 'ustar', prefix = '' } = {}): Uint8Array {
  const block = new Uint8Array(512);
  const put = (offset: number, text: string) => block.set(new TextEncoder().encode(text), offset);
  put(0, name);
  put(100, '0000640');
  put(124, size.toString(8).padStart(11, '0'));
  put(156, type);
  put(257, magic);
  put(345, prefix);
  return block;
}

function archive(...parts: Uint8Array[]): Uint8Array {
  const padded = parts.map((p) => {
    const out = new Uint8Array(Math.ceil(p.length / 512) * 512);
    out.set(p);
    return out;
  });
  const all = new Uint8Array(padded.reduce((n, p) => n + p.length, 0) + 1024);
  let at = 0;
  for (const p of padded) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

const text = (s: string) => new TextEncoder().encode(s);

describe('tarEntries', () => {
  it('reads folders and files in order, paths relative to the root, data cut to size', () => {
    const data = text('15\n');
    const entries = [
      ...tarEntries(
        archive(
          header('/base', '5', 0),
          header('/base/PG_VERSION', '0', 3),
          data,
          header('long', '0', 0, { prefix: '/global' }),
        ),
      ),
    ];
    expect(entries.map((e) => [e.path, e.kind, e.mode, new TextDecoder().decode(e.data)])).toEqual([
      ['base', 'folder', 0o640, ''],
      ['base/PG_VERSION', 'file', 0o640, '15\n'],
      ['global/long', 'file', 0o640, ''],
    ]);
  });

  it.each([
    ['a link', header('link', '2', 0), /neither a folder nor a file/],
    ['a path above the root', header('../etc/passwd', '0', 0), /unsafe path/],
    ['a path that names nothing', header('/', '0', 0), /unsafe path/],
    ['a header that is not ustar', header('file', '0', 0, { magic: 'xxxxx' }), /not a ustar header/],
  ])('refuses %s', (_case, entry, error) => {
    expect(() => [...tarEntries(archive(entry))]).toThrow(error);
  });

  it('reads the shipped snapshot whole, PG_VERSION at its root among its files', () => {
    const folder = snapshotFolder();
    expect(folder).toBeDefined();
    const entries = [...tarEntries(gunzipSync(readFileSync(join(folder as string, SNAPSHOT_FILE))))];
    expect(entries.find((e) => e.path === 'PG_VERSION')?.kind).toBe('file');
    expect(entries.filter((e) => e.kind === 'folder').map((e) => e.path)).toContain('base');
    expect(entries.every((e) => !e.path.startsWith('/') && !e.path.split('/').includes('..'))).toBe(true);
  });
});
