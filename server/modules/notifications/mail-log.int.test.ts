import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { enqueueMessage } from '../../platform/outbox.ts';

const clock = new ManualClock(new Date('2026-11-24T02:00:00Z'));
let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

describe('mail log', () => {
  it('lists outbound emails, shows one rendered with its attachments, and resends it through the mailer', async () => {
    await new LocalBlobStore(t.blobDir).put('reports/wo-1.pdf', Buffer.from('%PDF-1.4 report'));
    await enqueueMessage(
      t.db,
      {
        channel: 'email',
        recipient: 'li.lei@example.com',
        template: 'field.report',
        payload: {
          subject: '服务报告 WO-2026-000001',
          text: '您好，附件是本次服务报告。',
          html: '<p>您好，附件是本次服务报告。</p>',
          attachments: [
            { filename: '服务报告.pdf', storageKey: 'reports/wo-1.pdf', contentType: 'application/pdf' },
          ],
        },
        dedupeKey: 'mail-log-test:1',
      },
      clock.now(),
    );
    await enqueueMessage(
      t.db,
      { channel: 'in_app', recipient: 'x', template: 'x', payload: {}, dedupeKey: 'mail-log-test:2' },
      clock.now(),
    );

    const list = await admin.request('GET', '/api/v1/mail-log');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      {
        id: expect.any(String),
        recipient: 'li.lei@example.com',
        subject: '服务报告 WO-2026-000001',
        state: 'pending',
        createdAt: clock.now().toISOString(),
        deliveredAt: null,
        attempts: 0,
        lastError: null,
      },
    ]);
    const { id } = list.json().items[0];
    expect((await admin.request('GET', '/api/v1/mail-log?state=delivered')).json().items).toEqual([]);

    const one = await admin.request('GET', `/api/v1/mail-log/${id}`);
    expect(one.json()).toMatchObject({
      text: '您好，附件是本次服务报告。',
      html: '<p>您好，附件是本次服务报告。</p>',
      attachments: [{ filename: '服务报告.pdf', contentType: 'application/pdf' }],
    });
    expect((await admin.request('GET', '/api/v1/mail-log/999999')).statusCode).toBe(404);

    clock.advance(60_000);
    const resent = await admin.request('POST', `/api/v1/mail-log/${id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({
      state: 'delivered',
      attempts: 1,
      deliveredAt: clock.now().toISOString(),
    });
    const sent = t.sentMail.at(-1)!;
    expect(sent).toMatchObject({ to: 'li.lei@example.com', subject: '服务报告 WO-2026-000001' });
    expect(sent.attachments?.[0]?.content.toString()).toBe('%PDF-1.4 report');
    const audit = await t.db.execute(
      sql`select entity_id from audit_log where action = 'mail.resend' and entity_id = ${id}`,
    );
    expect(audit.rows).toHaveLength(1);
    expect((await admin.request('GET', '/api/v1/mail-log?state=delivered')).json().items).toHaveLength(1);
  });

  it('is for administrators only: staff and customers get 403', async () => {
    const manager = (await loginAs(t, { role: 'manager' })).session;
    const customer = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    for (const s of [manager, customer]) {
      expect((await s.request('GET', '/api/v1/mail-log')).statusCode).toBe(403);
      expect((await s.request('GET', '/api/v1/mail-log/1')).statusCode).toBe(403);
      expect((await s.request('POST', '/api/v1/mail-log/1/resend')).statusCode).toBe(403);
    }
  });
});
