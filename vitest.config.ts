import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that take a real PostgreSQL server away from the app exist only where there is one:
    // left out of the run entirely, rather than reported as skipped, when TEST_DATABASE_URL is unset.
    exclude: [
      '**/node_modules/**',
      ...(process.env.TEST_DATABASE_URL ? [] : ['test/process/database-outage.test.ts']),
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite boots a WASM Postgres per test app; two cores run two files at once comfortably.
    maxWorkers: 2,
  },
});
