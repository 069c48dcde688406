// Test helpers: a database per test file cloned from the migrated template, the app built on it,
// factories that build their own data, and a logged-in HTTP client over app.inject.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { inject } from 'vitest';
import type { TCustomer, TMe } from '../common/api.ts';
import type { TRole } from '../common/roles.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig, type TConfig } from '../server/config.ts';
import { createDatabase, dropDatabase } from '../server/db/admin.ts';
import { createDb, createPool, type Db } from '../server/db/pool.ts';
import { createUser } from '../server/modules/accounts/index.ts';
import { createCustomer } from '../server/modules/registry/index.ts';
import { tickets } from '../server/modules/tickets/schema.ts';
import { type BlobStore, LocalBlobStore } from '../server/platform/blob-store.ts';
import { type Clock, systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { type JobDefinition, JobRunner, NO_JOBS } from '../server/platform/jobs.ts';
import type { Mailer } from '../server/platform/mailer.ts';
import { PostgresBlobStore } from '../server/platform/postgres-blob-store.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
/** The organisation's zone in tests: the configuration's default. */
export const TEST_TIME_ZONE = loadConfig({}).defaultTimeZone;

export interface TestDatabase {
  db: Db;
  pool: pg.Pool;
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(adminUrl, name, { template: inject('templateDb') });
  const pool = createPool(url, 5);
  return {
    db: createDb(pool),
    pool,
    url,
    name,
    async drop() {
      await pool.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Db;
  config: TConfig;
  database: TestDatabase;
  pool: pg.Pool;
  blobDir: string;
  blobStore: BlobStore;
  sentMail: Parameters<Mailer['send']>[0][];
  close(): Promise<void>;
}

export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string>; jobs?: JobDefinition[] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-files-'));
  const config = loadConfig({}, { DATA_DIR: blobDir, LOG_LEVEL: 'silent', ...options.env } as never);
  const sentMail: TestApp['sentMail'] = [];
  // FILE_STORE=postgres in `env` puts the files in the test database.
  const blobStore =
    config.fileStore === 'postgres' ? new PostgresBlobStore(database.pool) : new LocalBlobStore(blobDir);
  const clock = options.clock ?? systemClock;
  // A real pg-boss runner when the test needs background jobs.
  const runner = options.jobs
    ? new JobRunner(database.url, options.jobs, {
        db: database.db,
        clock,
        timeZone: config.defaultTimeZone,
        blobStore,
        log: { info() {}, error() {} },
      })
    : null;
  await runner?.start();
  const app = await buildApp(
    {
      config: { ...config, blobDir },
      db: database.db,
      clock,
      blobStore,
      mailer: { send: async (m) => void sentMail.push(m) },
      jobs: runner ?? NO_JOBS,
    },
    { logger: false },
  );
  await app.ready();
  return {
    app,
    db: database.db,
    config,
    database,
    pool: database.pool,
    blobDir,
    blobStore,
    sentMail,
    async close() {
      await app.close();
      await runner?.stop();
      await database.drop();
      await fs.rm(blobDir, { recursive: true, force: true });
    },
  };
}

// ---------- factories ----------
const unique = () => randomBytes(4).toString('hex');

/**
 * A fault ticket first resolved at an instant (and reopened at another: still open then), written
 * directly for the measures' tests (exact instants); its id.
 */
export async function buildResolvedFaultTicket(
  db: Db,
  v: {
    number: string;
    customerId: string;
    projectId?: string | null;
    firstResolvedAt: string;
    reopenedAt?: string | null;
  },
): Promise<string> {
  const reopenedAt = v.reopenedAt ? new Date(v.reopenedAt) : null;
  const [row] = await db
    .insert(tickets)
    .values({
      number: v.number,
      kind: 'fault_report',
      status: reopenedAt ? 'in_progress' : 'resolved',
      channel: 'phone',
      customerId: v.customerId,
      projectId: v.projectId ?? null,
      subject: '灯不亮',
      description: '灯不亮',
      team: 'support_engineer',
      createdAt: new Date('2026-10-01T00:00:00Z'),
      resolvedAt: reopenedAt ? null : new Date(v.firstResolvedAt),
      firstResolvedAt: new Date(v.firstResolvedAt),
      reopenedAt,
    })
    .returning({ id: tickets.id });
  return row!.id;
}

export async function buildCustomer(db: Db, fields: Partial<TCustomer> = {}): Promise<TCustomer> {
  const code = fields.code ?? `C-${unique()}`;
  return createCustomer(systemCtx({ db, clock: systemClock, timeZone: TEST_TIME_ZONE }, 'test'), {
    code,
    name: fields.name ?? `Customer ${code}`,
    contactName: fields.contactName ?? null,
    contactPhone: fields.contactPhone ?? null,
    contactEmail: fields.contactEmail ?? null,
    address: fields.address ?? null,
  });
}

/**
 * A project of a customer with equipment of one new product, made through the API by a staff session
 * that may manage the registry (a manager): what maintenance and quality tests inspect.
 */
export async function buildSite(
  staff: Session,
  customerId: string,
  opts: { category?: string; sizeClass?: 'small' | 'medium' | 'large'; assets?: number } = {},
) {
  const ok = (res: LightResponse) => {
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const project = ok(
    await staff.request('POST', '/api/v1/projects', {
      customerId,
      code: `P-${unique()}`,
      name: `项目 ${unique()}`,
    }),
  );
  const product = ok(
    await staff.request('POST', '/api/v1/products', {
      model: `M-${unique()}`,
      name: '投光灯',
      category: opts.category ?? 'lighting',
      sizeClass: opts.sizeClass ?? 'small',
    }),
  );
  const assetIds: string[] = [];
  for (let i = 0; i < (opts.assets ?? 1); i++)
    assetIds.push(
      ok(
        await staff.request('POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          serial: `S-${unique()}`,
        }),
      ).id,
    );
  return { projectId: project.id, productId: product.id, assetIds };
}

export async function buildUser(
  db: Db,
  options: { role?: TRole; customerId?: string; username?: string; password?: string } = {},
) {
  const role = options.role ?? (options.customerId ? 'customer_user' : 'agent');
  const username = options.username ?? `${role.replace(/_/g, '-')}-${unique()}`;
  const user = await createUser(systemCtx({ db, clock: systemClock, timeZone: TEST_TIME_ZONE }, 'test'), {
    kind: options.customerId ? 'customer' : 'staff',
    username,
    displayName: username,
    roles: [role],
    customerId: options.customerId ?? null,
    locale: 'zh-CN',
    password: options.password ?? TEST_PASSWORD,
  });
  return { ...user, password: options.password ?? TEST_PASSWORD };
}

// ---------- HTTP client ----------
export type LightResponse = Awaited<ReturnType<TestApp['app']['inject']>> & {
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  json<T = any>(): T;
};
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Session {
  cookie: string;
  csrf: string;
  me: TMe;
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightResponse>;
}

export async function login(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'ac_session');
  const cookie = `ac_session=${setCookie?.value}`;
  const me = res.json() as TMe;
  return sessionFor(t, cookie, me.csrfToken, me);
}

export function sessionFor(t: TestApp, cookie: string, csrf: string, me: TMe): Session {
  return {
    cookie,
    csrf,
    me,
    request(method, url, body, headers = {}) {
      return t.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
    },
  };
}

export async function loginAs(t: TestApp, options: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(t.db, options);
  return { user, session: await login(t, user.username, user.password) };
}

export const newKey = () => randomUUID();

/**
 * The text of each page of a PDF (pdfinfo counts the pages, pdftotext separates them by form feeds), so
 * a test can see that no page is blank.
 */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const file = path.join(os.tmpdir(), `pdf-${Date.now()}-${Math.random()}.pdf`);
  await fs.writeFile(file, pdf);
  // To look at what a test printed: PDF_DUMP_DIR=/tmp/pdfs npx vitest run …
  if (process.env.PDF_DUMP_DIR)
    await fs.copyFile(file, path.join(process.env.PDF_DUMP_DIR, path.basename(file)));
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return text.split('\f').slice(0, count);
  } finally {
    await fs.rm(file, { force: true });
  }
}

/**
 * The first sheet of an Excel download: its header row and the rows below it, as ExcelJS reads them
 * (1-based: each row's index 0 is empty).
 */
export async function xlsxSheet(payload: Buffer | ArrayBuffer | string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return {
    header: sheet.getRow(1).values as unknown[],
    rows: sheet.getSheetValues().slice(2) as unknown[][],
  };
}

/** The text of a PDF, as poppler's pdftotext reads it (layout kept). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(os.tmpdir(), `pdf-${Date.now()}-${Math.random()}.pdf`);
  await fs.writeFile(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    await fs.rm(file, { force: true });
  }
}

/** A PNG of one colour (for logos and photos in documents), encoded here so tests need no image tool. */
export function testPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
