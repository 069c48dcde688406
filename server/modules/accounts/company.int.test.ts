import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  pdfText,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { systemClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { storeFile } from '../files/index.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

const store = (name: string, data: Buffer, customerId: string | null = null) =>
  storeFile(
    systemCtx({ db: t.db, clock: systemClock, timeZone: TEST_TIME_ZONE }, 'test'),
    new LocalBlobStore(t.blobDir),
    { name, data, customerId },
  );

describe('the company letterhead', () => {
  it('is set by an administrator only, validated, versioned and audited, and printed on documents', async () => {
    const initial = (await admin.request('GET', '/api/v1/company')).json();
    expect(initial).toEqual({ name: 'Aftercare', logoFileId: null, version: 0, updatedAt: null });

    const { session: manager } = await loginAs(t, { role: 'manager' });
    const denied = await manager.request('PUT', '/api/v1/company', {
      version: 0,
      name: 'X',
      logoFileId: null,
    });
    expect(denied.statusCode).toBe(403);

    const blank = await admin.request('PUT', '/api/v1/company', { version: 0, name: '  ', logoFileId: null });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('name');

    const text = await store('notes.txt', Buffer.from('not a picture'));
    const notImage = await admin.request('PUT', '/api/v1/company', {
      version: 0,
      name: '杭州光亮照明工程有限公司',
      logoFileId: text.id,
    });
    expect(notImage.statusCode).toBe(422);
    expect(notImage.json().errors[0].field).toBe('logoFileId');
    const customer = await buildCustomer(t.db);
    const theirs = await store('theirs.png', testPng(8, 8, [200, 0, 0]), customer.id);
    const foreign = await admin.request('PUT', '/api/v1/company', {
      version: 0,
      name: '杭州光亮照明工程有限公司',
      logoFileId: theirs.id,
    });
    expect(foreign.statusCode).toBe(422);

    const logo = await store('logo.png', testPng(120, 40, [29, 78, 216]));
    const saved = await admin.request('PUT', '/api/v1/company', {
      version: 0,
      name: '杭州光亮照明工程有限公司',
      logoFileId: logo.id,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ name: '杭州光亮照明工程有限公司', logoFileId: logo.id, version: 1 });
    const stale = await admin.request('PUT', '/api/v1/company', { version: 0, name: 'Y', logoFileId: null });
    expect(stale.statusCode).toBe(409);

    const audit = await t.db.execute(
      sql`select before, after from audit_log where action = 'company.profile' order by id desc limit 1`,
    );
    const entry = audit.rows[0] as { before: { name: string }; after: { name: string } };
    expect(entry.before.name).toBe('Aftercare');
    expect(entry.after.name).toBe('杭州光亮照明工程有限公司');

    // Every member of staff reads it; documents carry it in their header.
    const { session: agent } = await loginAs(t, { role: 'agent' });
    expect((await agent.request('GET', '/api/v1/company')).json().name).toBe('杭州光亮照明工程有限公司');
    const project = (
      await agent.request('POST', '/api/v1/projects', {
        customerId: customer.id,
        code: `C-${Date.now()}`,
        name: '亮化',
      })
    ).json();
    const pdf = await agent.request('GET', `/api/v1/projects/${project.id}/archive.pdf`);
    expect(await pdfText(pdf.rawPayload)).toContain('杭州光亮照明工程有限公司');
  });
});
