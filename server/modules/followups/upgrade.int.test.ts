// The upgrade to the followups module keeps what an administrator had set: a repair follow-up delay
// changed in field's settings (before migration 0050) is the repair rule's delay afterwards, not the
// seed's 3 days again. A database is migrated up to 0051, given the old setting, then migrated to the end.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../db/admin.ts';
import { MIGRATIONS_DIR, runMigrations } from '../../db/migrate.ts';
import { createDb, createPool } from '../../db/pool.ts';
import { settingsOf } from './settings.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A migrations folder holding the migrations up to and including `lastTag`. */
async function migrationsUpTo(lastTag: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-migrations-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  const journal = JSON.parse(await fs.readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  const last = journal.entries.findIndex((e: { tag: string }) => e.tag === lastTag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  await fs.mkdir(path.join(dir, 'meta'));
  await fs.writeFile(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries as { tag: string }[])
    await fs.copyFile(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

async function upgradedWith(delayDays: number | null) {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_up_${randomBytes(5).toString('hex')}`;
  const pool = createPool(await createDatabase(adminUrl, name), 2);
  cleanups.push(async () => {
    await pool.end();
    await dropDatabase(adminUrl, name);
  });
  const db = createDb(pool);
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  await migrate(db, { migrationsFolder: await migrationsUpTo('0051_followups_keep_repair_records') });
  if (delayDays !== null)
    await pool.query('insert into field_settings (id, follow_up_delay_days) values (1, $1)', [delayDays]);
  await runMigrations(db);
  const column = await pool.query(
    `select 1 from information_schema.columns where table_name = 'field_settings' and column_name = 'follow_up_delay_days'`,
  );
  expect(column.rowCount).toBe(0);
  return settingsOf(db);
}

it('keeps a repair follow-up delay an administrator had changed; the other rules keep the seed', async () => {
  const s = await upgradedWith(5);
  expect(s.rules.repair).toMatchObject({ delayDays: 5, enabled: true, channel: 'phone', workingDays: false });
  expect(s.rules.repair.questions.length).toBeGreaterThan(0);
  expect(s.rules.delivery_quarterly.intervalMonths).toBe(3);
  expect(s.version).toBe(1);
});

it('leaves the seed (no settings row) when the delay was never changed', async () => {
  expect((await upgradedWith(3)).version).toBe(0);
  expect((await upgradedWith(null)).rules.repair.delayDays).toBe(3);
});
