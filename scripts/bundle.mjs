// `npm run build`, after tsc: the app as a few files in dist/app, which `npm start` runs. Node 20 loads
// each of the thousand-odd modules of src/ and its dependencies one by one; loaded as one bundle the
// bot is ready after a restart in about three quarters of the time (npm run bench:startup).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  logLevel: 'warning',
});
