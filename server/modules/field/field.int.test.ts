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
} from '../../../test/helpers.ts';
import { type BlobStore, LocalBlobStore } from '../../platform/blob-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { outboxDeliveryJob } from '../../platform/platform-jobs.ts';
import { storeFile } from '../files/index.ts';
import { deliverInApp } from '../notifications/index.ts';
import { ensureSlaDefaults, sweepSla } from '../sla/index.ts';
import { slaTicketPort } from '../tickets/index.ts';
import { createPlannedWorkOrder, publishReportJob } from './index.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const MIN = 60_000;
let t: TestApp;
let agent: Session;
let engineer: Session;
let engineerId: string;
let other: Session;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' }, jobs: [publishReportJob] });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  agent = (await loginAs(t, { role: 'agent' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
  other = (await loginAs(t, { role: 'field_engineer' })).session;
  customerId = (await buildCustomer(t.db, { contactEmail: 'ops@hz-metro.example' })).id;
});
afterAll(() => t.close());

/** The `field.publish-report` job has stored, archived and queued the report of the work order. */
async function reportPublished(id: string) {
  for (let i = 0; i < 250; i++) {
    const w = (await agent.request('GET', `/api/v1/work-orders/${id}`)).json();
    if (w.reportDelivery?.state === 'published') return w;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the report of ${id} was not published`);
}

const target = (d: { sla: { metric: string; state: string; metAt: string | null }[] }, metric: string) =>
  d.sla.find((s) => s.metric === metric)!;
let n = 0;
const stage = (
  id: string,
  stage: string,
  at: Date,
  data?: Record<string, unknown>,
  clientEventId = `ev-${++n}-${Date.now()}`,
) =>
  engineer.request('POST', `/api/v1/work-orders/${id}/events`, {
    clientEventId,
    stage,
    at: at.toISOString(),
    data,
  });

// A 1×1 PNG, standing in for a signature drawn on the phone.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('a repair visit', () => {
  it('goes from dispatch to completion, each stage at the phone’s time, moving the ticket’s SLA', async () => {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: '灯杆不亮',
        description: '12 号灯杆不亮',
      })
    ).json();
    clock.set(new Date(T0.getTime() + 60 * MIN));
    const made = await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {
      kind: 'repair',
      engineerId,
    });
    expect(made.statusCode, made.body).toBe(201);
    const wo = made.json();
    expect(wo).toMatchObject({ status: 'assigned', number: expect.stringMatching(/^WO-2026-\d{6}$/) });
    // The remote-fix target ends with the dispatch.
    let ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(target(ticket, 'remote_fix').state).toBe('met');

    // Only the assigned engineer sees it.
    expect(
      (await engineer.request('GET', '/api/v1/work-orders')).json().map((w: { id: string }) => w.id),
    ).toContain(wo.id);
    expect((await other.request('GET', '/api/v1/work-orders')).json()).toEqual([]);
    expect((await other.request('GET', `/api/v1/work-orders/${wo.id}`)).statusCode).toBe(404);
    const portal = (await loginAs(t, { customerId })).session;
    expect((await portal.request('GET', `/api/v1/work-orders/${wo.id}`)).statusCode).toBe(404);

    // He checked in at T0+5h while offline; the phone syncs at T0+6h, sending it twice.
    clock.set(new Date(T0.getTime() + 6 * 60 * MIN));
    const arrivedAt = new Date(T0.getTime() + 5 * 60 * MIN);
    const first = await stage(wo.id, 'arrived', arrivedAt, {}, 'phone-arrive-1');
    expect(first.statusCode, first.body).toBe(200);
    await stage(wo.id, 'arrived', arrivedAt, {}, 'phone-arrive-1');
    const events = await t.db.execute(
      sql`select 1 from work_order_events where client_event_id = 'phone-arrive-1'`,
    );
    expect(events.rows).toHaveLength(1);
    ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(target(ticket, 'on_site')).toMatchObject({ state: 'met', metAt: arrivedAt.toISOString() });
    expect(target(ticket, 'onsite_diagnosis').state).toBe('running');

    const noPlace = await stage(wo.id, 'diagnosed', new Date(T0.getTime() + 330 * MIN), {});
    expect(noPlace.statusCode).toBe(422);
    expect(noPlace.json().errors[0].field).toBe('data.faultLocation');
    await stage(wo.id, 'diagnosed', new Date(T0.getTime() + 330 * MIN), {
      faultLocation: '驱动电源',
      cause: 'normal_failure',
    });
    const temp = await stage(wo.id, 'temporary_solution', new Date(T0.getTime() + 340 * MIN), {
      solution: '临时接入备用回路',
      plannedFix: '更换驱动电源',
    });
    expect(temp.json().status).toBe('diagnosed');
    ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(target(ticket, 'service_restored').state).toBe('met');
    expect(target(ticket, 'permanent_fix').state).toBe('running');

    const future = await stage(wo.id, 'completed', new Date(T0.getTime() + 8 * 60 * MIN));
    expect(future.statusCode).toBe(422);
    await agent.request('POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'internal_note',
      body: '内部备注不外传',
    });
    const done = await stage(wo.id, 'completed', new Date(T0.getTime() + 350 * MIN), {
      result: '已更换驱动电源，恢复正常',
      timeSpentMinutes: 50,
      travelKm: 18.5,
      signature: PNG,
      signedBy: '周主任',
    });
    expect(done.json()).toMatchObject({ status: 'completed', timeSpentMinutes: 50, travelKm: 18.5 });
    ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(ticket.status).toBe('resolved');
    expect(target(ticket, 'permanent_fix')).toMatchObject({ state: 'met' });
    expect(done.json().reportDelivery).toMatchObject({ state: 'pending' });
    // The report is published by the field.publish-report job, once.
    const published = await reportPublished(wo.id);
    expect(published.reportDelivery).toMatchObject({ state: 'published', attempts: 1, error: null });
    expect(published.reportFileId).toBeTruthy();
    const archive = await t.db.execute(
      sql`select kind from archive_events where ref_id = ${wo.id} order by occurred_at, kind`,
    );
    expect(archive.rows.map((r) => (r as { kind: string }).kind)).toEqual([
      'field.arrived',
      'field.completed',
      'field.report',
    ]);

    // The signed report: Chinese PDF without internal notes, for the engineer and the customer only.
    const pdf = await engineer.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    for (const s of [
      '维修报告',
      wo.number,
      '驱动电源',
      '已更换驱动电源，恢复正常',
      '周主任',
      '临时接入备用回路',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('内部备注不外传');
    expect((await portal.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).statusCode).toBe(200);
    expect((await portal.request('GET', `/api/v1/tickets/${tk.id}/reports`)).json()).toHaveLength(1);
    const stranger = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect((await stranger.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).statusCode).toBe(404);
    expect((await other.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).statusCode).toBe(404);
    const english = await pdfText(
      (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf?lang=en`)).rawPayload,
    );
    expect(english).toContain('Repair report');

    // Emailed to the customer with the PDF attached.
    await outboxDeliveryJob({ send: async (m) => void t.sentMail.push(m) }, deliverInApp).handler(
      {},
      {
        db: t.db,
        clock,
        timeZone: TEST_TIME_ZONE,
        blobStore: new LocalBlobStore(t.blobDir),
        log: { info() {}, error() {} },
      },
    );
    const mail = t.sentMail.find((m) => m.subject.includes(wo.number));
    expect(mail?.to).toBe('ops@hz-metro.example');
    expect(mail?.attachments?.[0]?.content.subarray(0, 4).toString()).toBe('%PDF');
    // The whole visit, and the report's job on the queue: more than the default minute on a busy machine.
  }, 180_000);

  it('lets dispatchers reassign, audited, and refuses a non-engineer', async () => {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: 'x',
        description: 'y',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {})).json();
    expect(wo.status).toBe('new');
    const list = (await agent.request('GET', '/api/v1/work-orders?queue=unassigned')).json();
    expect(list.find((w: { id: string }) => w.id === wo.id).onSiteDueAt).toBe(
      new Date(T0.getTime() + 24 * 60 * MIN).toISOString(),
    );
    const bad = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId: (await loginAs(t, { role: 'agent' })).user.id,
    });
    expect(bad.statusCode).toBe(422);
    const ok = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId,
    });
    expect(ok.json().status).toBe('assigned');
    // Audited, and the engineer is told.
    const audit = await t.db.execute(
      sql`select 1 from audit_log where action = 'work-order.dispatch' and entity_id = ${wo.id}`,
    );
    expect(audit.rows).toHaveLength(1);
    const told = await t.db.execute<{ recipient: string }>(
      sql`select recipient from outbox where template = 'field.assigned' and payload->>'workOrderId' = ${wo.id}`,
    );
    expect(told.rows.map((r) => r.recipient)).toEqual([engineerId]);
    const stale = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId: null,
    });
    expect(stale.statusCode).toBe(409);
    expect((await engineer.request('PATCH', `/api/v1/work-orders/${wo.id}`, { version: 2 })).statusCode).toBe(
      403,
    );
    const engineers = (await agent.request('GET', '/api/v1/work-orders/engineers')).json();
    expect(engineers.find((e: { id: string }) => e.id === engineerId).openWorkOrders).toBeGreaterThan(0);
  });
});

describe('charges, repairs, follow-ups and the deposit', () => {
  const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
  /** A project with a contract (warranty 12 months, fee schedule, deposit) and one accepted asset. */
  async function site(
    acceptedOn: string,
    terms: { maxRepairsBeforeReplace?: number; lifetimeCostRepair?: boolean } = {},
  ) {
    const manager = (await loginAs(t, { role: 'manager' })).session;
    const c = await buildCustomer(t.db);
    const project = (
      await manager.request('POST', '/api/v1/projects', {
        customerId: c.id,
        code: `P-${uid()}`,
        name: '道路照明',
      })
    ).json();
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `M-${uid()}`,
        name: '路灯',
        category: 'lighting',
        sizeClass: 'small',
      })
    ).json();
    const contract = await manager.request('POST', '/api/v1/contracts', {
      projectId: project.id,
      number: `HT-${uid()}`,
      kind: 'supply_install',
      startDate: '2020-01-01',
      warrantyMonths: 12,
      labourRateFen: 20_000,
      travelFeeFen: 30_000,
      labourCostRateFen: 8_000,
      travelCostFeeFen: 10_000,
      depositAmountFen: 1_000_000,
      ...terms,
    });
    expect(contract.statusCode, contract.body).toBe(201);
    await manager.request('POST', `/api/v1/contracts/${contract.json().id}/deposit-entries`, {
      kind: 'deposit',
      amountFen: 1_000_000,
      reason: '保证金',
    });
    const asset = (
      await manager.request('POST', '/api/v1/assets', {
        projectId: project.id,
        productId: product.id,
        serial: `S-${uid()}`,
      })
    ).json();
    await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: acceptedOn,
      signedByName: '业主',
    });
    return { manager, customerId: c.id, project, product, asset, contractId: contract.json().id as string };
  }

  async function visit(s: Awaited<ReturnType<typeof site>>, cause: string, assetId = s.asset.id) {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: s.customerId,
        projectId: s.project.id,
        assetIds: [assetId],
        subject: '灯不亮',
        description: 'x',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
    clock.set(new Date(T0.getTime() + 120 * MIN));
    expect((await stage(wo.id, 'arrived', new Date(T0.getTime() + 10 * MIN))).statusCode).toBe(200);
    const diagnosed = await stage(wo.id, 'diagnosed', new Date(T0.getTime() + 20 * MIN), {
      faultLocation: '灯头',
      cause,
    });
    expect(diagnosed.statusCode, diagnosed.body).toBe(200);
    return { tk, wo };
  }

  it('charges nothing in warranty, travel, labour and parts when expired, and human damage in warranty at cost', async () => {
    const fresh = await site('2026-06-01');
    const inWarranty = await visit(fresh, 'normal_failure');
    const free = (await engineer.request('GET', `/api/v1/work-orders/${inWarranty.wo.id}/charges`)).json();
    expect(free).toMatchObject({ status: 'in_warranty', totalFen: 0, lines: [] });
    const damaged = await visit(fresh, 'human_damage');
    const paid = (await engineer.request('GET', `/api/v1/work-orders/${damaged.wo.id}/charges`)).json();
    expect(paid.lines.map((l: { item: string }) => l.item)).toEqual(['travel', 'labour']);
    expect(paid.pricing).toBe('cost');
    // No kilometres entered yet: travel is priced per km, so it is 0 km × the cost rate.
    expect(paid.lines[0]).toMatchObject({ quantity: 0, unitFen: 100, amountFen: 0 });
    expect(paid.totalFen).toBe(8_000);

    const old = await site('2023-01-01');
    const expired = await visit(old, 'normal_failure');
    const sheet = (await engineer.request('GET', `/api/v1/work-orders/${expired.wo.id}/charges`)).json();
    expect(sheet.status).toBe('expired');
    expect(sheet.totalFen).toBe(20_000);
    // Completing fixes the sheet with a receipt number and counts the repair (the follow-up is the
    // followups module's, from the completed repairs: followups.int.test.ts).
    const done = (
      await stage(expired.wo.id, 'completed', new Date(T0.getTime() + 90 * MIN), {
        result: 'ok',
        timeSpentMinutes: 130,
        travelKm: 10,
      })
    ).json();
    expect(done.receiptNumber).toMatch(/^SF-2026-\d{6}$/);
    expect((done.charges as { totalFen: number }).totalFen).toBe(10 * 200 + 3 * 20_000);
    const asset = (await old.manager.request('GET', `/api/v1/assets/${old.asset.id}`)).json();
    expect(asset.repairCount).toBe(1);
  });

  describe('at cost (篇4 g.7–8)', () => {
    /** A part with a cost price below its factory price, in stock at a warehouse. */
    async function stockedPart(manager: Session, cost: number | null) {
      const loc = await manager.request('POST', '/api/v1/stock/locations', {
        code: `WH-${uid()}`,
        name: '中心库',
        kind: 'central',
      });
      expect(loc.statusCode, loc.body).toBe(201);
      const part = await manager.request('POST', '/api/v1/parts', {
        partNumber: `DRV-${uid()}`,
        name: '驱动电源',
        costFen: cost,
        factoryPriceFen: 9_000,
      });
      expect(part.statusCode, part.body).toBe(201);
      const received = await manager.request('POST', '/api/v1/stock/receipts', {
        partId: part.json().id,
        locationId: loc.json().id,
        quantity: 10,
      });
      expect(received.statusCode, received.body).toBe(200);
      return { partId: part.json().id as string, locationId: loc.json().id as string };
    }

    /** The engineer uses `quantity` of the part and completes the work after 90 minutes (2 hours billed). */
    async function completeWith(
      manager: Session,
      wo: { id: string; number: string },
      used: { partId: string; locationId: string; quantity: number }[],
    ) {
      for (const u of used) {
        const issued = await manager.request('POST', '/api/v1/stock/issues', {
          ...u,
          workOrderRef: wo.number,
        });
        expect(issued.statusCode, issued.body).toBe(200);
      }
      const done = await stage(wo.id, 'completed', new Date(T0.getTime() + 90 * MIN), {
        result: 'ok',
        timeSpentMinutes: 90,
        travelKm: 25,
      });
      expect(done.statusCode, done.body).toBe(200);
      return (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    }
    const summary = (sheet: { lines: { item: string; quantity: number; unitFen: number }[] }) =>
      sheet.lines.map((l) => [l.item, l.quantity, l.unitFen]);

    it('篇4 g.7 保修期内非产品自身质量原因的故障维修或部件更换,将只收取成本费: human damage in warranty, completed with a part, is charged at cost', async () => {
      const s = await site('2026-06-01');
      const part = await stockedPart(s.manager, 5_000);
      const { wo } = await visit(s, 'human_damage');
      const sheet = await completeWith(s.manager, wo, [{ ...part, quantity: 2 }]);
      expect(sheet).toMatchObject({ status: 'in_warranty', pricing: 'cost' });
      expect(summary(sheet)).toEqual([
        ['travel', 25, 100],
        ['labour', 2, 8_000],
        ['part', 2, 5_000],
      ]);
      expect(sheet.totalFen).toBe(25 * 100 + 2 * 8_000 + 2 * 5_000);
      expect(sheet.receiptNumber).toMatch(/^SF-/);
      expect(sheet.reasons.map((r: { code: string }) => r.code)).toEqual([
        'in_warranty',
        'human_damage_excluded',
        'at_cost_in_warranty',
      ]);
    });

    it('篇4 g.8 保修期过后,为用户提供终身成本价的故障维修或部件更换: after the warranty at cost when the contract says so, by the fee schedule when not', async () => {
      const lifetime = await site('2023-01-01', { lifetimeCostRepair: true });
      const part = await stockedPart(lifetime.manager, 5_000);
      const noCost = await stockedPart(lifetime.manager, null);
      const a = await visit(lifetime, 'normal_failure');
      const atCost = await completeWith(lifetime.manager, a.wo, [
        { ...part, quantity: 1 },
        { ...noCost, quantity: 1 },
      ]);
      expect(atCost).toMatchObject({ status: 'expired', pricing: 'cost' });
      expect(summary(atCost)).toEqual(
        expect.arrayContaining([
          ['travel', 25, 100],
          ['labour', 2, 8_000],
          ['part', 1, 5_000],
          ['part', 1, 0],
        ]),
      );
      expect(atCost.totalFen).toBe(25 * 100 + 2 * 8_000 + 5_000);
      expect(atCost.reasons.map((r: { code: string }) => r.code)).toEqual([
        'lifetime_cost_repair',
        'part_cost_unknown',
      ]);

      const plain = await site('2023-01-01');
      const b = await visit(plain, 'normal_failure');
      const full = await completeWith(plain.manager, b.wo, [{ ...part, quantity: 1 }]);
      expect(full).toMatchObject({ status: 'expired', pricing: 'fee_schedule' });
      expect(summary(full)).toEqual([
        ['travel', 25, 200],
        ['labour', 2, 20_000],
        ['part', 1, 9_000],
      ]);
      expect(full.reasons.map((r: { code: string }) => r.code)).toEqual(['expired']);
    });
  });

  it('篇4 c.2 在延长的质量保证期内…提供免费保修: the charge sheet of an extended warranty is free', async () => {
    const s = await site('2020-02-01');
    const ext = await s.manager.request('POST', '/api/v1/contracts', {
      projectId: s.project.id,
      number: `YB-${uid()}`,
      kind: 'extended_warranty',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
    });
    expect(ext.statusCode, ext.body).toBe(201);
    const { wo } = await visit(s, 'normal_failure');
    const sheet = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(sheet).toMatchObject({
      covered: { labour: true, travel: true, parts: true },
      totalFen: 0,
      lines: [],
    });
    expect(sheet.reasons.map((r: { code: string }) => r.code)).toEqual(['extended_warranty']);
  });

  it('equipment not yet accepted: the charge sheet says coverage is pending and the dispatcher decides', async () => {
    const s = await site('2027-06-01');
    const { wo } = await visit(s, 'normal_failure');
    const sheet = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(sheet).toMatchObject({
      status: 'pending_acceptance',
      pendingDecision: true,
      covered: { labour: false, travel: false, parts: false },
      totalFen: 0,
    });
    expect(sheet.reasons.map((r: { code: string }) => r.code)).toEqual([
      'before_acceptance',
      'dispatcher_to_decide',
    ]);
  });

  it('tells the engineer and managers when the next failure calls for replacement', async () => {
    const s = await site('2026-06-01');
    await t.db.execute(sql`update assets set repair_count = 2 where id = ${s.asset.id}`);
    const { wo } = await visit(s, 'normal_failure');
    await stage(wo.id, 'completed', new Date(T0.getTime() + 60 * MIN), { result: 'ok' });
    const told = await t.db.execute<{ recipient: string }>(
      sql`select recipient from outbox where template = 'field.replace-required' and payload->>'assetId' = ${s.asset.id}`,
    );
    expect(told.rows.map((r) => r.recipient)).toContain(engineerId);
  });

  /** Completes one repair visit of the asset and returns what the next repair calls for. */
  async function repairOnce(s: Awaited<ReturnType<typeof site>>, assetId: string) {
    const { wo } = await visit(s, 'normal_failure', assetId);
    const done = await stage(wo.id, 'completed', new Date(T0.getTime() + 60 * MIN), { result: 'ok' });
    expect(done.statusCode, done.body).toBe(200);
    return (await s.manager.request('GET', `/api/v1/assets/${assetId}/coverage`)).json().repair.decision;
  }

  it('篇4 c.2(1): a component repaired more than the limit is replaced alone, a unit repaired as a whole more than the limit is replaced', async () => {
    const s = await site('2026-06-01');
    const component = (
      await s.manager.request('POST', '/api/v1/assets', {
        projectId: s.project.id,
        productId: s.product.id,
        parentId: s.asset.id,
        serial: `C-${uid()}`,
      })
    ).json();
    const componentDecisions = [];
    for (let i = 0; i < 3; i++) componentDecisions.push(await repairOnce(s, component.id));
    expect(componentDecisions).toEqual(['repair', 'repair', 'replace_component']);
    const unit = (await s.manager.request('GET', `/api/v1/assets/${s.asset.id}`)).json();
    expect(unit.repairCount).toBe(0);
    const told = await t.db.execute<{ decision: string }>(
      sql`select payload->>'decision' as decision from outbox where template = 'field.replace-required' and payload->>'assetId' = ${component.id}`,
    );
    expect(told.rows.map((r) => r.decision)).toContain('replace_component');

    const unitDecisions = [];
    for (let i = 0; i < 3; i++) unitDecisions.push(await repairOnce(s, s.asset.id));
    expect(unitDecisions).toEqual(['repair', 'repair', 'replace_unit']);
  });

  it('篇4 c.2(1): the repair limit is the contract’s (2 here, not the default 3)', async () => {
    const s = await site('2026-06-01', { maxRepairsBeforeReplace: 2 });
    expect(await repairOnce(s, s.asset.id)).toBe('repair');
    expect(await repairOnce(s, s.asset.id)).toBe('replace_unit');
    const told = await t.db.execute<{ decision: string }>(
      sql`select payload->>'decision' as decision from outbox where template = 'field.replace-required' and payload->>'assetId' = ${s.asset.id}`,
    );
    expect(told.rows.map((r) => r.decision)).toEqual(expect.arrayContaining(['replace_unit']));
  });

  it('lets a manager deduct a third party’s repair from the deposit once the on-site deadline was missed', async () => {
    const s = await site('2026-06-01');
    const { wo } = await visit(s, 'normal_failure');
    const evidence = await storeFile(
      systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'),
      new LocalBlobStore(t.blobDir),
      {
        name: 'invoice.txt',
        data: Buffer.from('第三方维修发票 1200 元'),
        customerId: s.customerId,
      },
    );
    const early = await s.manager.request('POST', `/api/v1/work-orders/${wo.id}/third-party-deduction`, {
      amountFen: 120_000,
      reason: '业主自行委托维修',
      evidenceFileId: evidence.id,
    });
    expect(early.statusCode).toBe(409); // arrived on time
    // Another ticket where nobody came within 24 h.
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: s.customerId,
        projectId: s.project.id,
        subject: '灯不亮',
        description: 'x',
      })
    ).json();
    const late = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {})).json();
    clock.set(new Date(T0.getTime() + 25 * 60 * MIN));
    await sweepSla({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort);
    expect(
      (await engineer.request('POST', `/api/v1/work-orders/${late.id}/third-party-deduction`, {})).statusCode,
    ).toBe(403);
    const ok = await s.manager.request('POST', `/api/v1/work-orders/${late.id}/third-party-deduction`, {
      amountFen: 120_000,
      reason: '业主自行委托维修',
      evidenceFileId: evidence.id,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ balanceFen: 880_000 });
    // The same deduction again is refused: one per work order (a correction is its own entry).
    const again = await s.manager.request('POST', `/api/v1/work-orders/${late.id}/third-party-deduction`, {
      amountFen: 120_000,
      reason: '业主自行委托维修',
      evidenceFileId: evidence.id,
    });
    expect(again.statusCode, again.body).toBe(409);
    const ledger = await s.manager.request('GET', `/api/v1/contracts/${s.contractId}/deposit-entries`);
    expect(ledger.json().filter((e: { kind: string }) => e.kind === 'deduction')).toHaveLength(1);
  });
});

describe('who should go', () => {
  it('ranks engineers by skill, region, load and leave, and keeps profiles with versions', async () => {
    const manager = (await loginAs(t, { role: 'manager' })).session;
    const c = await buildCustomer(t.db);
    const project = (
      await manager.request('POST', '/api/v1/projects', {
        customerId: c.id,
        code: `P-${Date.now()}`,
        name: '隧道照明',
        region: '宁波市',
      })
    ).json();
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `TL-${Date.now()}`,
        name: '隧道灯',
        category: 'tunnel',
        sizeClass: 'small',
      })
    ).json();
    const asset = (
      await manager.request('POST', '/api/v1/assets', {
        projectId: project.id,
        productId: product.id,
        serial: `T-${Date.now()}`,
      })
    ).json();
    const skilled = await loginAs(t, { role: 'field_engineer' });
    const away = await loginAs(t, { role: 'field_engineer' });
    const profile = (over: Record<string, unknown>) => ({
      version: 0,
      skills: [],
      homeRegion: null,
      latitude: null,
      longitude: null,
      workDays: [0, 1, 2, 3, 4, 5, 6],
      workStart: 480,
      workEnd: 1080,
      leave: [],
      ...over,
    });
    const bad = await manager.request(
      'PUT',
      `/api/v1/engineers/${skilled.user.id}/profile`,
      profile({ workEnd: 400 }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('workEnd');
    const ok = await manager.request(
      'PUT',
      `/api/v1/engineers/${skilled.user.id}/profile`,
      profile({ skills: ['tunnel'], homeRegion: '宁波市' }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await manager.request('PUT', `/api/v1/engineers/${skilled.user.id}/profile`, profile({ skills: [] })))
        .statusCode,
    ).toBe(409);
    await manager.request(
      'PUT',
      `/api/v1/engineers/${away.user.id}/profile`,
      profile({
        skills: ['tunnel'],
        homeRegion: '宁波市',
        leave: [{ from: '2026-11-20', to: '2026-11-30' }],
      }),
    );
    // His van holds a driver that fits the tunnel lamp.
    const van = (
      await manager.request('POST', '/api/v1/stock/locations', {
        code: `VAN-${Date.now()}`,
        name: '隧道组车载库',
        kind: 'van',
        keeperId: skilled.user.id,
      })
    ).json();
    const driver = (
      await manager.request('POST', '/api/v1/parts', {
        partNumber: `TL-DRV-${Date.now()}`,
        name: '隧道灯驱动',
        fitsProductIds: [product.id],
      })
    ).json();
    await manager.request('POST', '/api/v1/stock/receipts', {
      partId: driver.id,
      locationId: van.id,
      quantity: 1,
    });
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: c.id,
        projectId: project.id,
        assetIds: [asset.id],
        subject: '隧道灯闪烁',
        description: 'x',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {})).json();
    // Listed with its project's address (the list's subqueries name the outer columns in full).
    const listed = await agent.request('GET', `/api/v1/work-orders?queue=all&ticketId=${tk.id}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()[0]).toMatchObject({ id: wo.id, customerName: expect.any(String) });
    const ranked = (await agent.request('GET', `/api/v1/work-orders/${wo.id}/suggestions`)).json();
    expect(ranked[0]).toMatchObject({ engineerId: skilled.user.id, available: true });
    expect(ranked[0].reasons).toEqual(
      expect.arrayContaining([
        { code: 'skill', effect: 'plus', params: { categories: 'tunnel' } },
        { code: 'region', effect: 'plus', params: { region: '宁波市' } },
        { code: 'van_parts', effect: 'plus', params: {} },
        { code: 'jobs_today', effect: 'info', params: { count: 0 } },
      ]),
    );
    // A fit out of 100: skill 40 + same region 25 + before the deadline 15 + parts 15.
    expect(ranked[0].score).toBe(95);
    const codes = (s: { reasons: { code: string }[] }) => s.reasons.map((r) => r.code);
    expect(codes(ranked[0])).toContain('before_deadline');
    const awayRank = ranked.find((r: { engineerId: string }) => r.engineerId === away.user.id);
    expect(awayRank).toMatchObject({ available: false, score: 0 });
    expect(codes(awayRank)).toContain('on_leave');
    expect(ranked.at(-1).engineerId).toBe(away.user.id);
    expect((await engineer.request('GET', `/api/v1/work-orders/${wo.id}/suggestions`)).statusCode).toBe(403);
    // A planned maintenance visit is judged on its own day: back from leave by 12-03, he is available.
    const visit = await createPlannedWorkOrder(
      t.db,
      systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }),
      {
        kind: 'maintenance',
        customerId: c.id,
        projectId: project.id,
        assetIds: [asset.id],
        summary: '定期维护保养',
        scheduledAt: new Date('2026-12-03T01:00:00Z'),
      },
    );
    const forVisit = (await agent.request('GET', `/api/v1/work-orders/${visit.id}/suggestions`)).json();
    const awayOnVisitDay = forVisit.find((r: { engineerId: string }) => r.engineerId === away.user.id);
    expect(awayOnVisitDay).toMatchObject({ available: true });
    expect(codes(awayOnVisitDay)).not.toContain('on_leave');
  });
});

describe('photos', () => {
  it('lets the assigned engineer attach photos before and after the work, and no one else', async () => {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: 'p',
        description: 'q',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
    const photo = await storeFile(
      systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'),
      new LocalBlobStore(t.blobDir),
      {
        name: 'before.png',
        data: Buffer.from(PNG.split(',')[1]!, 'base64'),
        customerId,
      },
    );
    const r = await engineer.request('PUT', `/api/v1/work-orders/${wo.id}/photos`, { before: [photo.id] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ photoIds: [photo.id], afterPhotoIds: [] });
    const after = await engineer.request('PUT', `/api/v1/work-orders/${wo.id}/photos`, { after: [photo.id] });
    expect(after.json()).toMatchObject({ photoIds: [photo.id], afterPhotoIds: [photo.id] });
    expect(
      (await other.request('PUT', `/api/v1/work-orders/${wo.id}/photos`, { before: [] })).statusCode,
    ).toBe(404);
    const unknown = await engineer.request('PUT', `/api/v1/work-orders/${wo.id}/photos`, {
      before: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(422);
  });
});

describe('the report’s language', () => {
  it('is English for a customer whose portal users read English', async () => {
    const c = await buildCustomer(t.db, { contactEmail: 'facilities@example.com' });
    const { user } = await loginAs(t, { customerId: c.id });
    await t.db.execute(sql`update users set locale = 'en' where id = ${user.id}`);
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: c.id,
        subject: 'Lamp out',
        description: 'x',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
    clock.set(new Date(T0.getTime() + 60 * MIN));
    await stage(wo.id, 'completed', new Date(T0.getTime() + 50 * MIN), { result: 'Driver replaced' });
    await reportPublished(wo.id);
    // The outbox is delivered in batches and earlier tests queued many messages.
    for (let i = 0; i < 20 && !t.sentMail.some((m) => m.to === 'facilities@example.com'); i++)
      await outboxDeliveryJob({ send: async (m) => void t.sentMail.push(m) }, deliverInApp).handler(
        {},
        {
          db: t.db,
          clock,
          timeZone: TEST_TIME_ZONE,
          blobStore: new LocalBlobStore(t.blobDir),
          log: { info() {}, error() {} },
        },
      );
    const mail = t.sentMail.find((m) => m.to === 'facilities@example.com');
    expect(mail?.subject).toBe(`Repair report ${wo.number}`);
    expect(await pdfText(mail!.attachments![0]!.content)).toContain('Repair report');
  });
});

describe('publishing the report', () => {
  it('shows a failed attempt on the work order and in the audit log, and a retry emails it once', async () => {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: '控制柜报警',
        description: 'x',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
    clock.set(new Date(T0.getTime() + 60 * MIN));
    await stage(wo.id, 'completed', new Date(T0.getTime() + 50 * MIN), { result: '复位' });
    await reportPublished(wo.id);
    // As if the job had not run yet, then a first attempt whose file store is down.
    await t.db.execute(
      sql`update work_orders set report_file_id = null, report_delivery = null where id = ${wo.id}`,
    );
    const blobStore = new LocalBlobStore(t.blobDir);
    const deps = { db: t.db, clock, timeZone: TEST_TIME_ZONE, log: { info() {}, error() {} } };
    const broken: BlobStore = {
      inDatabase: false,
      put: async () => {
        throw new Error('disk full');
      },
      get: (key) => blobStore.get(key),
      delete: (key) => blobStore.delete(key),
      list: () => blobStore.list(),
    };
    await expect(
      publishReportJob.handler({ workOrderId: wo.id }, { ...deps, blobStore: broken }),
    ).rejects.toThrow('disk full');
    const failed = (await agent.request('GET', `/api/v1/work-orders/${wo.id}`)).json();
    expect(failed.reportDelivery).toMatchObject({ state: 'failed', error: 'disk full' });
    const audit = await t.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'work-order.report-failed' and entity_id = ${wo.id}`,
    );
    expect(audit.rows[0]).toMatchObject({ n: 1 });

    await publishReportJob.handler({ workOrderId: wo.id }, { ...deps, blobStore });
    const published = (await agent.request('GET', `/api/v1/work-orders/${wo.id}`)).json();
    expect(published.reportDelivery).toMatchObject({ state: 'published', error: null });
    const queued = await t.db.execute(
      sql`select count(*)::int as n from outbox where dedupe_key = ${`wo-report:${wo.id}`}`,
    );
    expect(queued.rows[0]).toMatchObject({ n: 1 });
  });
});
describe('a refused stage', () => {
  it('keeps no signature file when the stage is refused', async () => {
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: '签字被拒',
        description: 'x',
      })
    ).json();
    const wo = (
      await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { kind: 'repair', engineerId })
    ).json();
    const files = () => t.db.execute(sql`select 1 from files where name = ${`${wo.number}-signature.png`}`);
    const refused = await stage(wo.id, 'plan_agreed', clock.now(), { plan: '更换', signature: PNG });
    expect(refused.statusCode).toBe(422);
    expect((await files()).rows).toHaveLength(0);
  });
});
