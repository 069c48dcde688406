// The maintenance visit on the phone over HTTP: checklist answers with the phone's time (offline replay
// idempotent), out-of-range → hidden danger → rectification suggestion → fault ticket, the record signed
// by the customer (PDF text, archive, email), its review, and what another customer cannot do.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  pdfPages,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { storeFile } from '../files/index.ts';

const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
let manager: Session;
let engineer: Session;
let engineerId: string;
let engineerName: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
  engineerName = e.user.displayName;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const ago = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
const SIGNATURE = `data:image/png;base64,${testPng(120, 40, [20, 20, 20]).toString('base64')}`;

/** A customer with two lamps on a plan, its first visit dispatched to the engineer. */
async function setupVisit() {
  const customer = await buildCustomer(t.db, {
    name: `滨江物业 ${uid()}`,
    contactEmail: 'owner@example.com',
  });
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '亮化工程',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '投光灯',
      category: 'lighting',
      sizeClass: 'small',
    })
  ).json();
  const assetIds: string[] = [];
  for (let i = 0; i < 2; i++)
    assetIds.push(
      (
        await manager.request('POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          serial: `S-${uid()}`,
        })
      ).json().id,
    );
  const template = (
    await manager.request('POST', '/api/v1/maintenance/templates', {
      name: `月度保养 ${uid()}`,
      cycle: 'routine',
      category: 'lighting',
      checklist: [
        { key: 'clean', label: '清洁灯具', kind: 'check' },
        { key: 'insulation', label: '绝缘电阻', kind: 'measurement', unit: 'MΩ', min: 20 },
        { key: 'hours', label: '运行小时', kind: 'reading', required: false },
      ],
    })
  ).json();
  const plan = (
    await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: project.id,
      name: '保养计划',
      assetIds,
      templateIds: [template.id],
      startsOn: '2026-03-10',
    })
  ).json();
  await manager.request('POST', `/api/v1/maintenance/plans/${plan.id}/generate`);
  const visits = (await manager.request('GET', `/api/v1/maintenance/plans/${plan.id}/visits`)).json();
  const workOrderId = visits.sort((a: { dueOn: string }, b: { dueOn: string }) =>
    a.dueOn.localeCompare(b.dueOn),
  )[0].workOrderId as string;
  const wo = (await manager.request('GET', `/api/v1/work-orders/${workOrderId}`)).json();
  const sent = await manager.request('PATCH', `/api/v1/work-orders/${workOrderId}`, {
    version: wo.version,
    engineerId,
  });
  expect(sent.statusCode, sent.body).toBe(200);
  const list = await engineer.request('GET', `/api/v1/maintenance/work-orders/${workOrderId}/checklist`);
  expect(list.statusCode, list.body).toBe(200);
  const checklist = list.json();
  const photo = await storeFile(
    systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'),
    new LocalBlobStore(t.blobDir),
    { name: 'damp.png', data: testPng(40, 30, [200, 50, 50]), customerId: customer.id },
  );
  const customerUser = (await loginAs(t, { customerId: customer.id })).session;
  return {
    customer,
    project,
    assetIds,
    workOrderId,
    checklist,
    visitId: checklist.visitId as string,
    photo,
    customerUser,
  };
}

type Setup = Awaited<ReturnType<typeof setupVisit>>;
const answer = (itemId: string, key: string, fields: Record<string, unknown>, minutesAgo = 10) => ({
  visitItemId: itemId,
  key,
  clientEventId: `ev-${uid()}-${uid()}`,
  answeredAt: ago(minutesAgo),
  ...fields,
});
const entry = (
  checklist: { items: { id: string; checklist: { key: string; answer: unknown }[] }[] },
  itemId: string,
  key: string,
) => checklist.items.find((i) => i.id === itemId)!.checklist.find((c) => c.key === key)!;

/** Every required entry of every item answered within range. */
async function answerAll(s: Setup) {
  const answers = s.checklist.items.flatMap((i: { id: string }) => [
    answer(i.id, 'clean', { result: 'pass' }, 3),
    answer(i.id, 'insulation', { value: 35.5 }, 3),
  ]);
  const res = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/answers`, { answers });
  expect(res.statusCode, res.body).toBe(200);
}

describe('the checklist on the phone', () => {
  it('lists each asset with its checklist and keeps the later answer by the phone’s time; a replay changes nothing', async () => {
    const s = await setupVisit();
    expect(s.checklist.items).toHaveLength(2);
    expect(s.checklist.items[0].checklist.map((c: { key: string }) => c.key)).toEqual([
      'clean',
      'insulation',
      'hours',
    ]);
    const item = s.checklist.items[0].id;
    const first = answer(item, 'insulation', { value: 25 }, 5);
    const url = `/api/v1/maintenance/visits/${s.visitId}/answers`;
    const saved = await engineer.request('POST', url, { answers: [first] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(entry(saved.json(), item, 'insulation').answer).toMatchObject({
      value: 25,
      danger: false,
      answeredAt: first.answeredAt,
    });
    // The offline queue sends it again after a lost answer: nothing changes, nothing is audited twice.
    const replay = await engineer.request('POST', url, { answers: [first] });
    expect(replay.statusCode).toBe(200);
    expect(entry(replay.json(), item, 'insulation').answer).toMatchObject({ value: 25 });
    // An older answer synced late (taken before the one already saved) does not overwrite it.
    const older = await engineer.request('POST', url, {
      answers: [answer(item, 'insulation', { value: 40 }, 20)],
    });
    expect(entry(older.json(), item, 'insulation').answer).toMatchObject({ value: 25 });
    const audits = await t.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'maintenance-visit.answers' and entity_id = ${s.visitId}`,
    );
    expect(audits.rows[0]).toEqual({ n: 1 });
    // Another engineer does not see the visit.
    const other = (await loginAs(t, { role: 'field_engineer' })).session;
    expect((await other.request('GET', `/api/v1/maintenance/visits/${s.visitId}/checklist`)).statusCode).toBe(
      404,
    );
  });

  it('turns a measurement out of range into a hidden danger that needs a note and a photo, then a suggestion and a fault ticket', async () => {
    const s = await setupVisit();
    const item = s.checklist.items[0];
    const url = `/api/v1/maintenance/visits/${s.visitId}/answers`;
    const bare = await engineer.request('POST', url, {
      answers: [answer(item.id, 'insulation', { value: 8 })],
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors[0].field).toBe('answers.0.note');
    const noPhoto = await engineer.request('POST', url, {
      answers: [answer(item.id, 'insulation', { value: 8, note: '接线盒受潮' })],
    });
    expect(noPhoto.json().errors[0].field).toBe('answers.0.photoIds');
    const ok = await engineer.request('POST', url, {
      answers: [answer(item.id, 'insulation', { value: 8, note: '接线盒受潮', photoIds: [s.photo.id] })],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(entry(ok.json(), item.id, 'insulation').answer).toMatchObject({ danger: true });
    const [suggestion] = ok.json().suggestions;
    expect(suggestion).toMatchObject({
      assetId: item.assetId,
      itemLabel: '绝缘电阻',
      text: '接线盒受潮',
      responsible: 'customer',
      dueOn: '2026-04-01',
      ticketId: null,
    });
    const edited = await engineer.request('PATCH', `/api/v1/maintenance/suggestions/${suggestion.id}`, {
      version: suggestion.version,
      text: '更换接线盒密封圈',
      responsible: 'service_company',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // The repair is needed now: one tap, a fault ticket on that asset, linked back; a second tap, the same.
    const tap = await engineer.request('POST', `/api/v1/maintenance/suggestions/${suggestion.id}/ticket`);
    expect(tap.statusCode, tap.body).toBe(200);
    expect(tap.json().ticketNumber).toMatch(/^BX-/);
    const again = await engineer.request('POST', `/api/v1/maintenance/suggestions/${suggestion.id}/ticket`);
    expect(again.json().ticketId).toBe(tap.json().ticketId);
    const ticket = (await manager.request('GET', `/api/v1/tickets/${tap.json().ticketId}`)).json();
    expect(ticket).toMatchObject({
      kind: 'fault_report',
      customerId: s.customer.id,
      assetIds: [item.assetId],
    });
    // The customer sees the suggestion in the portal; another customer does not.
    const mine = (await s.customerUser.request('GET', '/api/v1/maintenance/suggestions')).json();
    expect(mine.map((x: { id: string }) => x.id)).toEqual([suggestion.id]);
    const stranger = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect((await stranger.request('GET', '/api/v1/maintenance/suggestions')).json()).toEqual([]);
    // A failed check answered "pass" after all takes its suggestion away, unless a ticket is open.
    await engineer.request('POST', url, {
      answers: [answer(item.id, 'clean', { result: 'fail', note: '灯罩破裂', photoIds: [s.photo.id] }, 4)],
    });
    const passed = await engineer.request('POST', url, {
      answers: [answer(item.id, 'clean', { result: 'pass' }, 2)],
    });
    expect(passed.json().suggestions.map((x: { itemKey: string }) => x.itemKey)).toEqual(['insulation']);
  });

  it('refuses an answer for an item not in the visit, writing none of the batch', async () => {
    const s = await setupVisit();
    const other = await setupVisit();
    const item = s.checklist.items[0].id;
    const res = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/answers`, {
      answers: [
        answer(item, 'clean', { result: 'pass' }),
        answer(other.checklist.items[0].id, 'clean', { result: 'pass' }),
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('answers.1.visitItemId');
    const unknownKey = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/answers`, {
      answers: [answer(item, 'nope', { result: 'pass' })],
    });
    expect(unknownKey.json().errors[0].field).toBe('answers.0.key');
    const after = (await engineer.request('GET', `/api/v1/maintenance/visits/${s.visitId}/checklist`)).json();
    expect(entry(after, item, 'clean').answer).toBeNull();
  });
});

describe('the maintenance record', () => {
  it('cannot be signed with required items unanswered, names them, and writes nothing', async () => {
    const s = await setupVisit();
    const res = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/sign`, {
      signedBy: '王经理',
      signature: SIGNATURE,
      at: ago(1),
    });
    expect(res.statusCode).toBe(422);
    const first = s.checklist.items[0];
    expect(res.json().errors[0]).toEqual({
      field: `answers.${first.id}.clean`,
      message: `${first.assetLabel}: 清洁灯具 is not answered`,
    });
    const rows = await t.db.execute(
      sql`select count(*)::int as n from maintenance_records where visit_id = ${s.visitId}`,
    );
    expect(rows.rows[0]).toEqual({ n: 0 });
    const wo = (await manager.request('GET', `/api/v1/work-orders/${s.workOrderId}`)).json();
    expect(wo.status).toBe('assigned');
    // Nor is it completed by the repair's completion stage, which would skip the checklist.
    const repairWay = await engineer.request('POST', `/api/v1/work-orders/${s.workOrderId}/events`, {
      clientEventId: `complete-${uid()}`,
      stage: 'completed',
      at: ago(0),
      data: { result: '已保养' },
    });
    expect(repairWay.statusCode).toBe(409);
  });

  it('signed by the customer: the work order completes, the PDF holds the readings and the signer, archived, emailed, in the portal', async () => {
    const s = await setupVisit();
    await answerAll(s);
    const signed = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/sign`, {
      signedBy: '王经理',
      signature: SIGNATURE,
      at: ago(1),
      summary: '清洁、紧固、测量绝缘',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed',
      signedBy: '王经理',
      customerName: s.customer.name,
    });
    const wo = (await manager.request('GET', `/api/v1/work-orders/${s.workOrderId}`)).json();
    expect(wo).toMatchObject({ status: 'completed', completedAt: ago(1) });
    // The checklist is closed once signed.
    const late = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/answers`, {
      answers: [answer(s.checklist.items[0].id, 'clean', { result: 'pass' }, 0)],
    });
    expect(late.statusCode).toBe(409);

    const pdf = await s.customerUser.request('GET', `/api/v1/maintenance/records/${s.visitId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const pages = await pdfPages(pdf.rawPayload);
    expect(pages.every((p) => p.trim().length > 0)).toBe(true);
    const text = pages.join('\n');
    for (const words of [
      '保养记录',
      '绝缘电阻',
      '35.5 MΩ',
      '≥ 20',
      '王经理',
      '清洁、紧固、测量绝缘',
      wo.number,
      engineerName,
      '检查时间',
    ])
      expect(text).toContain(words);
    const en = await pdfPages(
      (await manager.request('GET', `/api/v1/maintenance/records/${s.visitId}/pdf?lang=en`)).rawPayload,
    );
    expect(en.join('\n')).toContain('Maintenance record');

    const archive = await t.db.execute(
      sql`select asset_id from archive_events where kind = 'maintenance.record' and ref_id = ${s.visitId}`,
    );
    expect(archive.rows.map((r) => r.asset_id).sort()).toEqual([null, ...s.assetIds].sort());
    const mail = await t.db.execute(
      sql`select recipient, payload from outbox where template = 'maintenance.record' and dedupe_key like ${`maintenance-record:${s.visitId}:%`}`,
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0]).toMatchObject({ recipient: 'owner@example.com' });

    const portal = (await s.customerUser.request('GET', '/api/v1/maintenance/records')).json();
    expect(portal.map((r: { visitId: string }) => r.visitId)).toEqual([s.visitId]);
    // Another customer: not in its list, not found, and cannot sign it.
    const stranger = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect((await stranger.request('GET', '/api/v1/maintenance/records')).json()).toEqual([]);
    expect((await stranger.request('GET', `/api/v1/maintenance/records/${s.visitId}/pdf`)).statusCode).toBe(
      404,
    );
    const foreign = await stranger.request('POST', `/api/v1/maintenance/visits/${s.visitId}/sign`, {
      signedBy: '外人',
      signature: SIGNATURE,
      at: ago(0),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('is reviewed by the service centre: returned to the engineer with a reason, signed again, approved', async () => {
    const s = await setupVisit();
    await answerAll(s);
    const signed = (
      await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/sign`, {
        signedBy: '李工',
        signature: SIGNATURE,
        at: ago(1),
      })
    ).json();
    const queue = (await manager.request('GET', '/api/v1/maintenance/records?status=signed')).json();
    expect(queue.map((r: { visitId: string }) => r.visitId)).toContain(s.visitId);
    expect(
      (
        await engineer.request('POST', `/api/v1/maintenance/records/${s.visitId}/approve`, {
          version: signed.version,
        })
      ).statusCode,
    ).toBe(403);
    const noReason = await manager.request('POST', `/api/v1/maintenance/records/${s.visitId}/return`, {
      version: signed.version,
    });
    expect(noReason.json().errors[0].field).toBe('reason');
    const returned = await manager.request('POST', `/api/v1/maintenance/records/${s.visitId}/return`, {
      version: signed.version,
      reason: '绝缘电阻读数与上次差异大，请复测',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnReason: '绝缘电阻读数与上次差异大，请复测',
    });
    const told = await t.db.execute(
      sql`select recipient from outbox where template = 'maintenance.record-returned' and payload->>'visitId' = ${s.visitId}`,
    );
    expect(told.rows).toEqual([{ recipient: engineerId }]);
    // The customer no longer sees it while it is corrected.
    expect((await s.customerUser.request('GET', '/api/v1/maintenance/records')).json()).toEqual([]);
    const mine = (await engineer.request('GET', '/api/v1/maintenance/records?status=returned')).json();
    expect(mine.map((r: { visitId: string }) => r.visitId)).toEqual([s.visitId]);
    // The engineer re-measures; the customer signs again; the reviewer approves.
    const fixed = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/answers`, {
      answers: [answer(s.checklist.items[0].id, 'insulation', { value: 31 }, 0)],
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const again = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/sign`, {
      signedBy: '李工',
      signature: SIGNATURE,
      at: ago(0),
    });
    expect(again.json()).toMatchObject({ status: 'signed', returnReason: null });
    const approved = await manager.request('POST', `/api/v1/maintenance/records/${s.visitId}/approve`, {
      version: again.json().version,
    });
    expect(approved.json()).toMatchObject({ status: 'approved', reviewerName: expect.any(String) });
    const twice = await manager.request('POST', `/api/v1/maintenance/records/${s.visitId}/approve`, {
      version: approved.json().version,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('is approved at once when the setting says no review is required', async () => {
    const settings = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
    const { version, updatedAt: _u, ...values } = settings;
    const off = await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      reviewRequired: false,
      version,
    });
    expect(off.statusCode, off.body).toBe(200);
    try {
      const s = await setupVisit();
      await answerAll(s);
      const signed = await engineer.request('POST', `/api/v1/maintenance/visits/${s.visitId}/sign`, {
        signedBy: '赵主任',
        signature: SIGNATURE,
        at: ago(0),
      });
      expect(signed.json().status).toBe('approved');
    } finally {
      const now = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
      await manager.request('PUT', '/api/v1/maintenance/settings', {
        ...values,
        reviewRequired: true,
        version: now.version,
      });
    }
  });
});
