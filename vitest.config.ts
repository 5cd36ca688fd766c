import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite boots a WASM Postgres per test app; two cores run two files at once comfortably.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'app', include: ['test/unit/**/*.test.ts', 'test/flow/**/*.test.ts'] },
      },
      {
        extends: true,
        // A real Chromium (Debian's package) drives the demo page; each case runs a whole scenario.
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 240_000 },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          // Tests that take a real PostgreSQL server away from the app exist only where there is one:
          // left out of the run entirely, rather than reported as skipped, when TEST_DATABASE_URL is unset.
          exclude: process.env.TEST_DATABASE_URL
            ? []
            : ['test/process/database-outage.test.ts', 'test/process/kill-mid-burst.test.ts'],
          // Each case starts real processes, which compete for the CPU: run them after the in-process
          // tests rather than alongside them.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
