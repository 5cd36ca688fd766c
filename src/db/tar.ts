// A reader of the ustar archives PGlite writes (dumpDataDir), for the snapshot an empty folder starts
// from: folders and plain files only, as a PostgreSQL data folder holds.

/** One entry of an archive, its path relative to the archive's root. */
export interface TarEntry {
  path: string;
  kind: 'folder' | 'file';
  mode: number;
  data: Uint8Array;
}

const BLOCK = 512;

/** The entries of an uncompressed ustar archive, in order; anything but a folder or a file is refused. */
export function* tarEntries(archive: Uint8Array): Generator<TarEntry> {
  for (let at = 0; at + BLOCK <= archive.length; ) {
    const header = archive.subarray(at, at + BLOCK);
    // Two zero blocks end the archive.
    if (header.every((byte) => byte === 0)) return;
    if (field(header, 257, 5) !== 'ustar') throw new Error(`not a ustar header at byte ${at}`);
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const path = safePath(prefix ? `${prefix}/${name}` : name);
    const mode = Number.parseInt(field(header, 100, 8), 8);
    const size = Number.parseInt(field(header, 124, 12), 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + BLOCK;
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === '5') yield { path, kind: 'folder', mode, data: new Uint8Array() };
    else if (type === '0' || type === '\0')
      yield { path, kind: 'file', mode, data: archive.subarray(start, start + size) };
    else throw new Error(`${path}: entry type ${JSON.stringify(type)} is neither a folder nor a file`);
  }
}

/** A NUL-terminated text field of a header. */
function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end)).trim();
}

/** Relative to the archive's root, and never above it. */
function safePath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new Error(`unsafe path in archive: ${path}`);
  return parts.join('/');
}
