// Browser test set-up: the real app on a fresh database with the demo dataset, served on a free
// port, and Debian's Chromium driven by playwright-core (chromium.ts).
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildApp, WEB_DIST } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { loadDemoData } from '../server/demo/seed.ts';
import { publishReportJob } from '../server/modules/field/index.ts';
import { importJob } from '../server/modules/registry/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { JobRunner } from '../server/platform/jobs.ts';
import { createTestDatabase, TEST_TIME_ZONE, type TestDatabase } from '../test/helpers.ts';
import { launchChromium } from './chromium.ts';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export interface E2eEnv {
  baseUrl: string;
  browser: Browser;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startE2e(): Promise<E2eEnv> {
  await fs.access(path.join(WEB_DIST, 'index.html')).catch(() => {
    throw new Error('web/dist is missing: run `npm run build:web` first (npm test does)');
  });
  const database = await createTestDatabase();
  await loadDemoData(database.db, systemClock, TEST_TIME_ZONE);
  const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-e2e-files-'));
  const config = loadConfig({}, { LOG_LEVEL: 'silent', DATA_DIR: blobDir } as never);
  const blobStore = new LocalBlobStore(blobDir);
  const jobs = new JobRunner(database.url, [importJob, publishReportJob], {
    db: database.db,
    clock: systemClock,
    timeZone: TEST_TIME_ZONE,
    blobStore,
    log: { info() {}, error() {} },
  });
  await jobs.start();
  const app = await buildApp(
    {
      config,
      db: database.db,
      clock: systemClock,
      blobStore,
      mailer: { send: async () => {} },
      jobs,
    },
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl,
    browser,
    database,
    async close() {
      await browser.close();
      await app.close();
      await jobs.stop();
      await database.drop();
      await fs.rm(blobDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
