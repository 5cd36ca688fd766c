// `npm run build`, after tsc: the app as a few files in dist/app, which `npm start` runs. Node 20 loads
// each of the thousand-odd modules of src/ and its dependencies one by one; loaded as one bundle the
// bot is ready after a restart in about three quarters of the time, and the bundle is kept small
// and ASCII because a start reads and parses all of it (npm run bench:startup).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bolt loads these when it loads, for receivers a start may never build: Express (ExpressReceiver,
 * which Rearview does not use, with its body parsers, iconv-lite and mime-db), raw-body (for a body
 * not read yet; our server hands Bolt the body it read) and Socket Mode's client (with undici).
 * Bundled, they are most of what a start parses. Each is replaced by a stand-in that loads the real
 * package from node_modules the first time something of it is used: in Socket Mode, when the
 * receiver is built.
 */
const LOADED_ON_FIRST_USE = ['express', 'raw-body', '@slack/socket-mode'];

/** @type {import('esbuild').Plugin} */
const loadedOnFirstUse = {
  name: 'loaded-on-first-use',
  setup(build) {
    const names = new RegExp(`^(${LOADED_ON_FIRST_USE.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter: names }, (args) =>
      args.namespace === 'first-use'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'first-use' },
    );
    build.onLoad({ filter: /.*/, namespace: 'first-use' }, (args) => ({
      // Marked as an ES module, so Bolt's import helpers take it as it is instead of copying every
      // export (which would load the package at once); `default` calls the package itself.
      contents: `
        let loaded;
        const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
        module.exports = new Proxy({}, {
          get(_, key) {
            if (key === '__esModule') return true;
            if (key === 'default') return (...a) => { const m = load(); return (m.__esModule ? m.default : m)(...a); };
            return load()[key];
          },
        });`,
      loader: 'js',
    }));
  },
};

// Chunks are named by their content: the last build's would stay beside this one's.
rmSync('dist/app', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist/app',
  bundle: true,
  // What main.ts loads after its quick checks (the app, or the demo) and what is loaded on first use
  // (the embedded database, PostgreSQL's driver) are files of their own.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  external: [
    // Read beside their own files at run time: PGlite's WASM and data, resvg's native module, the
    // logger's worker threads.
    '@electric-sql/pglite',
    '@resvg/resvg-js',
    'pino',
    'pino-pretty',
    // Loaded only when a chart is drawn; kept out so a start does not parse them.
    'vega',
    'vega-lite',
    // pg's optional native binding, never installed.
    'pg-native',
  ],
  // The CommonJS dependencies bundled here call require() for Node's own modules.
  banner: {
    js: "import { createRequire as requireFrom } from 'node:module'; const require = requireFrom(import.meta.url);",
  },
  // No comments or indentation: a smaller file to read and parse. Licence comments go to a
  // .LEGAL.txt file beside each chunk.
  minifyWhitespace: true,
  legalComments: 'external',
  plugins: [loadedOnFirstUse],
  logLevel: 'warning',
});

// Node reads a module's source as UTF-8: a file with one character beyond ASCII is decoded the slow
// way and held as a two-byte string (a start's parse costs more). esbuild escapes strings, but not
// regular expressions: write such characters there as \u escapes. The demo's chunk is left out: it
// holds the demo page's text, and no bot's start loads it.
const slow = readdirSync('dist/app')
  .filter((name) => name.endsWith('.js') && !name.startsWith('run-demo'))
  .filter((name) => readFileSync(join('dist/app', name)).some((byte) => byte > 0x7f));
if (slow.length > 0) {
  console.error(`The bundle has characters beyond ASCII in ${slow.join(', ')}: write them as \\u escapes.`);
  process.exit(1);
}
