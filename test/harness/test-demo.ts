import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config, LogLevel } from '../../src/config.js';
import { demoConfig } from '../../src/demo/demo-config.js';
import { type DemoApp, startDemo } from '../../src/demo/start-demo.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestDemo {
  demo: DemoApp;
  database: TestDatabase;
  /** `http://127.0.0.1:port` */
  baseUrl: string;
  /** What the app and the demo logged at `logLevel` (warn unless told): a failing browser step names it. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The demo as `npm run demo` composes it, on a free port, a test database and a folder of its own; no
 * minutely cron (the time buttons tick), nothing kept across starts.
 */
export async function startTestDemo(options: { logLevel?: LogLevel } = {}): Promise<TestDemo> {
  const dir = mkdtempSync(join(tmpdir(), 'rearview-demo-'));
  const database = await createTestDatabase();
  const loaded = demoConfig({ DATA_DIR: dir });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config: Config = { ...loaded.config, port: 0 };
  const logs: string[] = [];
  const demo = await startDemo(config, {
    logger: createLogger({
      level: options.logLevel ?? 'warn',
      destination: { write: (line) => logs.push(line) },
    }),
    db: database.db,
    cron: false,
    persist: false,
    // Slack's 3 s for a trigger is kept by the demo itself; a test on a busy machine may be slower.
    triggerTtlMs: 60_000,
  });
  return {
    demo,
    database,
    baseUrl: `http://127.0.0.1:${demo.port}`,
    logs,
    async close() {
      await demo.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
