// Inspections over HTTP: special inspections from a ticket, campaigns selected by filter with their
// board, the portal's upcoming visits and date requests (customer isolation, the dispatcher's
// decision, the customer told), and the reminder before a visit — with the bad input the issue lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  newKey,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { publishReportJob } from '../field/index.ts';

// Tuesday 1 December 2026, 10:00 in Asia/Shanghai.
const T0 = new Date('2026-12-01T02:00:00Z');
const clock = new ManualClock(T0);
let t: TestApp;
let manager: Session;
let agent: Session;
let engineer: Session;
let engineerId: string;
beforeAll(async () => {
  // Completing a visit queues its report.
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' }, jobs: [publishReportJob] });
  manager = (await loginAs(t, { role: 'manager' })).session;
  agent = (await loginAs(t, { role: 'agent' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function site(opts: { region: string; category: string; tier?: string; assets?: number }) {
  const email = `ops-${uid().toLowerCase()}@example.com`;
  const customer = await buildCustomer(t.db, { contactName: '王工', contactEmail: email });
  const project = await manager.request('POST', '/api/v1/projects', {
    customerId: customer.id,
    code: `P-${uid()}`,
    name: `项目 ${uid()}`,
    region: opts.region,
  });
  expect(project.statusCode, project.body).toBe(201);
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '设备',
      category: opts.category,
      sizeClass: 'small',
    })
  ).json();
  if (opts.tier) {
    const contract = await manager.request('POST', '/api/v1/contracts', {
      projectId: project.json().id,
      number: `HT-${uid()}`,
      kind: 'maintenance_agreement',
      startDate: '2026-01-01',
      responseTier: opts.tier,
    });
    expect(contract.statusCode, contract.body).toBe(201);
  }
  const assets = [];
  for (let i = 0; i < (opts.assets ?? 2); i++) {
    const made = await manager.request('POST', '/api/v1/assets', {
      projectId: project.json().id,
      productId: product.id,
      serial: `S-${uid()}`,
    });
    expect(made.statusCode, made.body).toBe(201);
    assets.push(made.json() as { id: string; serial: string });
  }
  return { customer, email, project: project.json() as { id: string; name: string }, product, assets };
}

async function outboxTo(recipient: string) {
  const r = await t.pool.query<{
    template: string;
    dedupe_key: string;
    payload: { subject: string; text: string };
  }>('select template, dedupe_key, payload from outbox where recipient = $1 order by id', [recipient]);
  return r.rows;
}

async function campaignCount() {
  const r = await t.pool.query<{ n: number }>('select count(*)::int as n from maintenance_campaigns');
  return r.rows[0]!.n;
}

let ev = 0;
const stage = (id: string, name: string, data?: Record<string, unknown>) =>
  engineer.request('POST', `/api/v1/work-orders/${id}/events`, {
    clientEventId: `ev-${++ev}-${uid()}`,
    stage: name,
    at: clock.now().toISOString(),
    data,
  });

async function dispatch(workOrderId: string) {
  const wo = (await agent.request('GET', `/api/v1/work-orders/${workOrderId}`)).json();
  const res = await agent.request('PATCH', `/api/v1/work-orders/${workOrderId}`, {
    version: wo.version,
    engineerId,
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('special inspection (特殊巡查) from a ticket', () => {
  it("creates an inspection work order for the ticket's project and equipment, linked to the ticket", async () => {
    clock.set(T0);
    const s = await site({ region: `R-${uid()}`, category: 'lighting' });
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: s.customer.id,
        projectId: s.project.id,
        assetIds: [s.assets[0]!.id],
        subject: '灯具闪烁',
        description: '多盏灯异常闪烁',
      })
    ).json();
    const made = await agent.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: ticket.id,
      dueOn: '2026-12-03',
      note: '暴雨后闪烁',
    });
    expect(made.statusCode, made.body).toBe(201);
    const visit = made.json();
    expect(visit).toMatchObject({
      kind: 'special',
      dueOn: '2026-12-03',
      projectId: s.project.id,
      ticketId: ticket.id,
      assetIds: [s.assets[0]!.id],
      workOrderStatus: 'new',
    });
    const wo = (await agent.request('GET', `/api/v1/work-orders/${visit.workOrderId}`)).json();
    expect(wo).toMatchObject({ kind: 'inspection', ticketId: ticket.id, projectId: s.project.id });
    expect(wo.summary).toContain('暴雨后闪烁');
    const onTicket = (await agent.request('GET', `/api/v1/tickets/${ticket.id}/special-inspections`)).json();
    expect(onTicket.map((v: { workOrderNumber: string }) => v.workOrderNumber)).toEqual([wo.number]);
    const audit = (await manager.request('GET', '/api/v1/audit?entityType=maintenance_visit')).json();
    expect(audit.items.some((a: { entityId: string }) => a.entityId === visit.visitId)).toBe(true);
  });

  it('refuses a past day, a ticket with nothing to inspect, an unknown ticket and a caller who cannot dispatch', async () => {
    clock.set(T0);
    const s = await site({ region: `R-${uid()}`, category: 'lighting' });
    const withSite = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: s.customer.id,
        projectId: s.project.id,
        subject: '异常',
        description: 'x',
      })
    ).json();
    const past = await agent.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: withSite.id,
      dueOn: '2026-11-30',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe('dueOn');
    const bare = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: s.customer.id,
        subject: '咨询',
        description: 'x',
      })
    ).json();
    const nothing = await agent.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: bare.id,
    });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.json().errors[0].field).toBe('ticketId');
    const missing = await agent.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: '00000000-0000-4000-8000-000000000001',
    });
    expect(missing.statusCode).toBe(404);
    const denied = await engineer.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: withSite.id,
    });
    expect(denied.statusCode).toBe(403);
    const r = await t.pool.query('select count(*)::int as n from maintenance_visits where project_id = $1', [
      s.project.id,
    ]);
    expect(r.rows[0].n).toBe(0);
  });
});

describe('campaigns (节假日前、重大活动保障、暴雨后)', () => {
  it('selects by region, category and contract tier, one visit per site, idempotent on its key, and follows it on the board', async () => {
    clock.set(T0);
    const region = `华东-${uid()}`;
    const tier = `vip-${uid()}`;
    const a = await site({ region, category: 'lighting', tier, assets: 3 });
    const b = await site({ region, category: 'lighting' });
    const hvac = await site({ region, category: 'hvac' });
    const elsewhere = await site({ region: `华北-${uid()}`, category: 'lighting' });

    const preview = await manager.request('POST', '/api/v1/maintenance/campaigns/preview', {
      selection: { regions: [region], categories: ['LIGHTING'] },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ siteCount: 2, assetCount: 5 });

    const body = {
      name: '春节前巡检',
      occasion: 'holiday',
      reason: '春节前对亮化设施全面巡检',
      deadline: '2026-12-20',
      selection: { regions: [region], categories: ['lighting'] },
    };
    const key = newKey();
    const made = await manager.request('POST', '/api/v1/maintenance/campaigns', body, {
      'idempotency-key': key,
    });
    expect(made.statusCode, made.body).toBe(201);
    const campaign = made.json();
    expect(campaign).toMatchObject({
      siteCount: 2,
      assetCount: 5,
      counts: { planned: 2, done: 0, overdue: 0 },
    });
    expect(campaign.visits.map((v: { projectId: string }) => v.projectId).sort()).toEqual(
      [a.project.id, b.project.id].sort(),
    );
    const aVisit = campaign.visits.find((v: { projectId: string }) => v.projectId === a.project.id);
    expect(aVisit).toMatchObject({ kind: 'campaign', dueOn: '2026-12-20', state: 'planned', finding: false });
    expect(aVisit.assetIds.sort()).toEqual(a.assets.map((x) => x.id).sort());
    const wo = (await agent.request('GET', `/api/v1/work-orders/${aVisit.workOrderId}`)).json();
    expect(wo).toMatchObject({ kind: 'inspection', status: 'new', projectId: a.project.id });

    // A retry with the same key gets the same campaign back, and nothing more is written.
    const before = await campaignCount();
    const retry = await manager.request('POST', '/api/v1/maintenance/campaigns', body, {
      'idempotency-key': key,
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(campaign.id);
    expect(await campaignCount()).toBe(before);

    // Contract tier narrows to the site whose contract has it; hvac and the other region never came in.
    const tiered = await manager.request('POST', '/api/v1/maintenance/campaigns/preview', {
      selection: { contractTiers: [tier] },
    });
    expect(tiered.json()).toMatchObject({ siteCount: 1, assetCount: 3 });
    expect(tiered.json().sites[0].projectId).toBe(a.project.id);
    const byCustomer = await manager.request('POST', '/api/v1/maintenance/campaigns/preview', {
      selection: { customerIds: [hvac.customer.id, elsewhere.customer.id], categories: ['hvac'] },
    });
    expect(byCustomer.json()).toMatchObject({ siteCount: 1, assetCount: 2 });

    // The engineer finds a fault at site a and completes it: done and a finding; b is overdue after the deadline.
    await dispatch(aVisit.workOrderId);
    expect((await stage(aVisit.workOrderId, 'arrived')).statusCode).toBe(200);
    const diagnosed = await stage(aVisit.workOrderId, 'diagnosed', { faultLocation: '3 号灯杆接线盒进水' });
    expect(diagnosed.statusCode, diagnosed.body).toBe(200);
    const done = await stage(aVisit.workOrderId, 'completed', { result: '已处理', timeSpentMinutes: 60 });
    expect(done.statusCode, done.body).toBe(200);
    clock.set(new Date('2026-12-21T02:00:00Z'));
    const board = (await manager.request('GET', '/api/v1/maintenance/campaigns')).json();
    expect(board.find((c: { id: string }) => c.id === campaign.id).counts).toEqual({
      planned: 2,
      done: 1,
      findings: 1,
      overdue: 1,
      cancelled: 0,
    });
    const overdue = (
      await engineer.request('GET', `/api/v1/maintenance/campaigns/${campaign.id}?state=overdue`)
    ).json();
    expect(overdue.visits.map((v: { projectId: string }) => v.projectId)).toEqual([b.project.id]);
    clock.set(T0);
  });

  it.each([
    ['an empty selection', { selection: {} }, 'selection'],
    ['a filter that matches nothing', { selection: { regions: ['无此区域'] } }, 'selection'],
    ['a deadline in the past', { deadline: '2026-11-30' }, 'deadline'],
    [
      'an unknown customer',
      { selection: { customerIds: ['00000000-0000-4000-8000-000000000001'] } },
      'selection.customerIds',
    ],
  ])('refuses %s, naming the field, writing nothing', async (_what, change, field) => {
    clock.set(T0);
    const region = `R-${uid()}`;
    await site({ region, category: 'lighting' });
    const before = await campaignCount();
    const res = await manager.request('POST', '/api/v1/maintenance/campaigns', {
      name: '暴雨后巡检',
      occasion: 'after_storm',
      reason: '暴雨',
      deadline: '2026-12-10',
      selection: { regions: [region] },
      ...change,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0].field).toBe(field);
    expect(await campaignCount()).toBe(before);
  });

  it('is for managers: engineers read the board, customers and agents do not create', async () => {
    const { session: customer } = await loginAs(t, { customerId: (await buildCustomer(t.db)).id });
    expect((await customer.request('GET', '/api/v1/maintenance/campaigns')).statusCode).toBe(403);
    expect((await engineer.request('GET', '/api/v1/maintenance/campaigns')).statusCode).toBe(200);
    const res = await agent.request('POST', '/api/v1/maintenance/campaigns', {
      name: 'x',
      occasion: 'other',
      reason: 'x',
      deadline: '2026-12-10',
      selection: { regions: ['x'] },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('portal: upcoming visits and date requests', () => {
  /** A site with a monthly plan generated: planned visits from December on. */
  async function plannedSite() {
    const s = await site({ region: `R-${uid()}`, category: 'lighting' });
    const tpl = (
      await manager.request('POST', '/api/v1/maintenance/templates', {
        name: `灯具保养 ${uid()}`,
        cycle: 'routine',
        category: 'lighting',
        sizeClass: 'small',
        checklist: [{ key: 'clean', label: '清洁', kind: 'check' }],
      })
    ).json();
    const plan = await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: '年度保养',
      assetIds: s.assets.map((x) => x.id),
      templateIds: [tpl.id],
      startsOn: '2026-12-15',
      mode: 'fixed',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const gen = await manager.request('POST', `/api/v1/maintenance/plans/${plan.json().id}/generate`);
    expect(gen.statusCode, gen.body).toBe(200);
    const { session } = await loginAs(t, { customerId: s.customer.id });
    return { ...s, plan: plan.json(), portal: session };
  }

  it("shows a customer only its own organisation's upcoming visits, with the date and equipment", async () => {
    clock.set(T0);
    const mine = await plannedSite();
    const theirs = await plannedSite();
    const list = await mine.portal.request('GET', '/api/v1/maintenance/upcoming-visits');
    expect(list.statusCode, list.body).toBe(200);
    const visits = list.json();
    expect(visits.length).toBeGreaterThanOrEqual(3);
    expect(visits.every((v: { projectId: string }) => v.projectId === mine.project.id)).toBe(true);
    expect(visits[0]).toMatchObject({
      kind: 'planned',
      dueOn: '2026-12-15',
      dispatched: false,
      request: null,
    });
    expect(visits[0].assets.map((a: { label: string }) => a.label).sort()).toEqual(
      mine.assets.map((a) => a.serial).sort(),
    );
    const other = (await theirs.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    expect(other.some((v: { id: string }) => v.id === visits[0].id)).toBe(false);
    expect((await agent.request('GET', '/api/v1/maintenance/upcoming-visits')).statusCode).toBe(403);
  });

  it('takes a request, the dispatcher confirms: the visit and its work order move, stay moved, the customer is told', async () => {
    clock.set(T0);
    const s = await plannedSite();
    const [first] = (await s.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    const asked = await s.portal.request('POST', '/api/v1/maintenance/date-requests', {
      visitId: first.id,
      requestedOn: '2026-12-17',
      reason: '当天商场有活动',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'pending',
      currentOn: '2026-12-15',
      requestedOn: '2026-12-17',
    });
    const again = await s.portal.request('POST', '/api/v1/maintenance/date-requests', {
      visitId: first.id,
      requestedOn: '2026-12-18',
      reason: '再改',
    });
    expect(again.statusCode).toBe(409);

    const pending = (await agent.request('GET', '/api/v1/maintenance/date-requests?status=pending')).json();
    const request = pending.find((r: { id: string }) => r.id === asked.json().id);
    expect(request).toMatchObject({ projectName: s.project.name, reason: '当天商场有活动' });
    expect((await s.portal.request('GET', '/api/v1/maintenance/date-requests')).statusCode).toBe(403);
    // The dispatchers were told of it.
    expect((await outboxTo(agent.me.id)).map((m) => m.template)).toContain('maintenance.date-request');

    const stale = await agent.request('POST', `/api/v1/maintenance/date-requests/${request.id}/decision`, {
      decision: 'confirm',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    const confirmed = await agent.request(
      'POST',
      `/api/v1/maintenance/date-requests/${request.id}/decision`,
      {
        decision: 'confirm',
        version: request.version,
      },
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');

    const after = (await s.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    const moved = after.find((v: { id: string }) => v.id === first.id);
    expect(moved).toMatchObject({ dueOn: '2026-12-17', request: { status: 'confirmed' } });
    const planVisits = (await manager.request('GET', `/api/v1/maintenance/plans/${s.plan.id}/visits`)).json();
    const wo = (
      await agent.request(
        'GET',
        `/api/v1/work-orders/${planVisits.find((v: { visitId: string }) => v.visitId === first.id).workOrderId}`,
      )
    ).json();
    expect(wo.scheduledAt).toBe('2026-12-17T01:00:00.000Z');
    // Regeneration leaves the moved visit where the customer asked.
    await manager.request('POST', `/api/v1/maintenance/plans/${s.plan.id}/generate`);
    const regenerated = (await s.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    expect(regenerated.find((v: { id: string }) => v.id === first.id).dueOn).toBe('2026-12-17');
    expect(regenerated.filter((v: { dueOn: string }) => v.dueOn === '2026-12-15')).toEqual([]);

    const told = await outboxTo(s.email);
    expect(
      told.some((m) => m.template === 'maintenance.date-decided' && m.payload.text.includes('2026-12-17')),
    ).toBe(true);
    const inApp = await outboxTo(s.portal.me.id);
    expect(inApp.map((m) => m.template)).toContain('maintenance.date-decided');
  });

  it('declines only with a reason, and tells the customer why', async () => {
    clock.set(T0);
    const s = await plannedSite();
    const [first] = (await s.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    const asked = (
      await s.portal.request('POST', '/api/v1/maintenance/date-requests', {
        visitId: first.id,
        requestedOn: '2026-12-16',
        reason: '人员不在',
      })
    ).json();
    const bare = await agent.request('POST', `/api/v1/maintenance/date-requests/${asked.id}/decision`, {
      decision: 'decline',
      version: asked.version,
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors[0].field).toBe('reason');
    const declined = await agent.request('POST', `/api/v1/maintenance/date-requests/${asked.id}/decision`, {
      decision: 'decline',
      reason: '工程师当天已排满',
      version: asked.version,
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const visits = (await s.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    expect(visits.find((v: { id: string }) => v.id === first.id)).toMatchObject({
      dueOn: '2026-12-15',
      request: { status: 'declined', decisionReason: '工程师当天已排满' },
    });
    const told = await outboxTo(s.email);
    expect(told.some((m) => m.payload.text.includes('工程师当天已排满'))).toBe(true);
  });

  it("refuses another customer's visit, a dispatched or done visit and a past day, naming the field, writing nothing", async () => {
    clock.set(T0);
    const s = await plannedSite();
    const other = await plannedSite();
    const visits = (await s.portal.request('GET', '/api/v1/maintenance/upcoming-visits')).json();
    const count = async () =>
      (await t.pool.query('select count(*)::int as n from maintenance_date_requests')).rows[0].n as number;
    const before = await count();
    const foreign = await other.portal.request('POST', '/api/v1/maintenance/date-requests', {
      visitId: visits[0].id,
      requestedOn: '2026-12-18',
      reason: '改期',
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].field).toBe('visitId');
    const past = await s.portal.request('POST', '/api/v1/maintenance/date-requests', {
      visitId: visits[0].id,
      requestedOn: '2026-11-20',
      reason: '改期',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe('requestedOn');

    const planVisits = (await manager.request('GET', `/api/v1/maintenance/plans/${s.plan.id}/visits`)).json();
    const woOf = (visitId: string) =>
      planVisits.find((v: { visitId: string }) => v.visitId === visitId).workOrderId as string;
    await dispatch(woOf(visits[1].id));
    const dispatched = await s.portal.request('POST', '/api/v1/maintenance/date-requests', {
      visitId: visits[1].id,
      requestedOn: '2027-02-01',
      reason: '改期',
    });
    expect(dispatched.statusCode).toBe(422);
    expect(dispatched.json().errors[0].field).toBe('visitId');
    // Done (a planned visit completes when its record is signed; here only the state matters).
    await t.pool.query(`update work_orders set status = 'completed', completed_at = $2 where id = $1`, [
      woOf(visits[1].id),
      clock.now(),
    ]);
    const done = await s.portal.request('POST', '/api/v1/maintenance/date-requests', {
      visitId: visits[1].id,
      requestedOn: '2027-02-01',
      reason: '改期',
    });
    expect(done.statusCode).toBe(422);
    expect(done.json().errors[0].field).toBe('visitId');
    expect(await count()).toBe(before);
  });
});

describe('the reminder before a visit', () => {
  it('emails the customer contact reminderDays before each visit, once per visit', async () => {
    clock.set(T0);
    const settings = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
    expect(settings.reminderDays).toBe(3);
    const s = await site({ region: `R-${uid()}`, category: 'lighting' });
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: s.customer.id,
        projectId: s.project.id,
        assetIds: [s.assets[0]!.id],
        subject: '异常',
        description: 'x',
      })
    ).json();
    const soon = (
      await agent.request('POST', '/api/v1/maintenance/special-inspections', {
        ticketId: ticket.id,
        dueOn: '2026-12-04',
      })
    ).json();
    await agent.request('POST', '/api/v1/maintenance/special-inspections', {
      ticketId: ticket.id,
      dueOn: '2026-12-10',
    });

    const run = await manager.request('POST', '/api/v1/maintenance/reminders/run');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().messages).toBeGreaterThanOrEqual(1);
    let mail = (await outboxTo(s.email)).filter((m) => m.template === 'maintenance.visit-reminder');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.payload.text).toContain('2026-12-04');
    expect(mail[0]!.payload.text).toContain(s.assets[0]!.serial);
    expect(mail[0]!.payload.text).toContain(soon.workOrderNumber);

    // Run again the same day: nobody is told twice.
    await manager.request('POST', '/api/v1/maintenance/reminders/run');
    expect((await outboxTo(s.email)).filter((m) => m.template === 'maintenance.visit-reminder')).toHaveLength(
      1,
    );

    // A week later the second visit is within three days.
    clock.set(new Date('2026-12-07T02:00:00Z'));
    await manager.request('POST', '/api/v1/maintenance/reminders/run');
    mail = (await outboxTo(s.email)).filter((m) => m.template === 'maintenance.visit-reminder');
    expect(mail.map((m) => m.payload.text.includes('2026-12-10'))).toEqual([false, true]);
    clock.set(T0);
    expect((await engineer.request('POST', '/api/v1/maintenance/reminders/run')).statusCode).toBe(403);
  });

  it('is a setting: 0 turns it off', async () => {
    const settings = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
    const { version, updatedAt: _u, ...values } = settings;
    const saved = await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      reminderDays: 0,
      version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await manager.request('POST', '/api/v1/maintenance/reminders/run')).json()).toEqual({
      visits: 0,
      messages: 0,
    });
    const bad = await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      reminderDays: -1,
      version: saved.json().version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('reminderDays');
    await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      version: saved.json().version,
    });
  });
});
