import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './admin.ts';
import { LEGACY_PASSWORD, passwordFileOf, startEmbeddedPostgres } from './embedded.ts';

let dir: string;
let pgDir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-embedded-'));
  await fs.chmod(dir, 0o755); // the embedded server may run as the postgres user
  pgDir = path.join(dir, 'pg');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL superuser password', () => {
  it('is random per data directory, kept in a 0600 file and reused; an old directory gets one too', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: pgDir, port });
    const password = passwordOf(first.url);
    try {
      expect(password).not.toBe(LEGACY_PASSWORD);
      expect(password.length).toBeGreaterThanOrEqual(24);
      const file = passwordFileOf(pgDir);
      expect((await fs.readFile(file, 'utf8')).trim()).toBe(password);
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      expect((await query(first.url, 'select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir: pgDir, port });
    try {
      expect(passwordOf(second.url)).toBe(password);
      // Make it look like a directory created before the password file: the fixed password, no file.
      await query(second.url, `alter role postgres password '${LEGACY_PASSWORD}'`);
      await fs.rm(passwordFileOf(pgDir));
    } finally {
      await second.stop();
    }

    const legacy = await startEmbeddedPostgres({ dataDir: pgDir, port });
    try {
      const replaced = passwordOf(legacy.url);
      expect(replaced).not.toBe(LEGACY_PASSWORD);
      expect((await fs.readFile(passwordFileOf(pgDir), 'utf8')).trim()).toBe(replaced);
      expect((await query(legacy.url, 'select 1 as one')).rows[0].one).toBe(1);
      const old = legacy.url.replace(encodeURIComponent(replaced), LEGACY_PASSWORD);
      await expect(query(old, 'select 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await legacy.stop();
    }
  }, 180_000);
});
