// Maintenance compliance, overdue flags, plan tuning and plans from a contract, over HTTP on a manual
// clock. Work orders are completed by SQL here (the visit record is another change): only their state
// and completion time matter to these figures.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let manager: Session;
const clock = new ManualClock(new Date('2026-01-20T02:00:00Z'));
beforeAll(async () => {
  t = await createTestApp({ clock });
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

async function at(iso: string) {
  clock.set(new Date(iso));
  manager = (await loginAs(t, { role: 'manager' })).session;
}

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function project(sizeClass = 'small', assets = 2) {
  const customer = await buildCustomer(t.db);
  const p = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '维保项目',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '投光灯',
      category: `cat-${uid()}`,
      sizeClass,
    })
  ).json();
  const assetIds: string[] = [];
  for (let i = 0; i < assets; i++)
    assetIds.push(
      (
        await manager.request('POST', '/api/v1/assets', {
          projectId: p.id,
          productId: product.id,
          serial: `S-${uid()}`,
        })
      ).json().id,
    );
  const template = (
    await manager.request('POST', '/api/v1/maintenance/templates', {
      name: `保养 ${uid()}`,
      cycle: 'routine',
      category: product.category,
      checklist: [{ key: 'clean', label: '清洁', kind: 'check' }],
    })
  ).json();
  return { customer, project: p, product, assetIds, template };
}

async function plan(s: Awaited<ReturnType<typeof project>>, fields: Record<string, unknown>) {
  const made = await manager.request('POST', '/api/v1/maintenance/plans', {
    projectId: s.project.id,
    name: '保养计划',
    assetIds: s.assetIds,
    templateIds: [s.template.id],
    ...fields,
  });
  expect(made.statusCode, made.body).toBe(201);
  const generated = await manager.request('POST', `/api/v1/maintenance/plans/${made.json().id}/generate`);
  expect(generated.statusCode, generated.body).toBe(200);
  return made.json();
}

const ordersOf = async (projectId: string) =>
  (
    await t.db.execute(
      sql`select w.id, w.number, v.due_on::text as due_on, v.id as visit_id from work_orders w
            join maintenance_visits v on v.work_order_id = w.id where v.project_id = ${projectId} order by v.due_on`,
    )
  ).rows as { id: string; number: string; due_on: string; visit_id: string }[];
const complete = (id: string, at: string) =>
  t.db.execute(
    sql`update work_orders set status = 'completed', completed_at = ${at}::timestamptz where id = ${id}`,
  );

describe('maintenance compliance', () => {
  it('counts visits due, on time, late, missed and open per month and project, and exports them', async () => {
    await at('2026-01-20T02:00:00Z');
    const s = await project();
    await plan(s, { startsOn: '2026-02-10', endsOn: '2026-05-31' });
    const orders = await ordersOf(s.project.id);
    // 02-10, 03-10, 04-10 (the horizon ends 04-20).
    expect(orders.map((o) => o.due_on)).toEqual(['2026-02-10', '2026-03-10', '2026-04-10']);
    await complete(orders[0]!.id, '2026-02-12T03:00:00Z'); // within the 7-day grace: on time
    await complete(orders[1]!.id, '2026-03-25T03:00:00Z'); // after 03-17: late
    await at('2026-04-25T02:00:00Z'); // 04-10 not done and its window closed on 04-18: missed
    const byMonth = await manager.request(
      'GET',
      `/api/v1/maintenance/compliance?from=2026-02&to=2026-06&groupBy=month&projectId=${s.project.id}`,
    );
    expect(byMonth.statusCode, byMonth.body).toBe(200);
    const report = byMonth.json();
    expect(report.rows.map((r: { key: string }) => r.key)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(report.total).toMatchObject({ due: 3, onTime: 1, late: 1, missed: 1, open: 0 });
    expect(report.total.onTimeRate).toBeCloseTo(1 / 3, 3);

    const byProject = (
      await manager.request(
        'GET',
        `/api/v1/maintenance/compliance?from=2026-02&to=2026-04&groupBy=project&customerId=${s.customer.id}`,
      )
    ).json();
    expect(byProject.rows).toEqual([
      expect.objectContaining({
        key: s.project.id,
        label: '维保项目',
        due: 3,
        onTime: 1,
        late: 1,
        missed: 1,
      }),
    ]);

    const file = await manager.request(
      'GET',
      `/api/v1/maintenance/compliance/export?from=2026-02&to=2026-04&groupBy=project&customerId=${s.customer.id}&lang=en`,
    );
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a range ending before it starts and an unknown grouping (400 naming the field)', async () => {
    const back = await manager.request('GET', '/api/v1/maintenance/compliance?from=2026-05&to=2026-02');
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].field).toBe('to');
    const group = await manager.request(
      'GET',
      '/api/v1/maintenance/compliance?from=2026-01&to=2026-02&groupBy=team',
    );
    expect(group.statusCode).toBe(400);
    expect(group.json().errors[0].field).toBe('groupBy');
    const customer = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect(
      (await customer.request('GET', '/api/v1/maintenance/compliance?from=2026-01&to=2026-02')).statusCode,
    ).toBe(403);
  });
});

describe('overdue maintenance visits', () => {
  it('warns the managers before the due window closes and escalates after, each once per visit', async () => {
    await at('2026-06-01T02:00:00Z');
    const s = await project();
    await plan(s, { startsOn: '2026-06-10', endsOn: '2026-07-31' });
    const [first, second] = await ordersOf(s.project.id);
    expect(first!.due_on).toBe('2026-06-10');
    await complete(second!.id, '2026-06-05T02:00:00Z');
    const sweep = async () => {
      const res = await manager.request('POST', '/api/v1/maintenance/overdue/sweep');
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const flagsOf = async (visitId: string) =>
      (
        await t.db.execute(
          sql`select level from maintenance_visit_flags where visit_id = ${visitId} order by fired_at, level`,
        )
      ).rows.map((r) => r.level);
    const messages = async (visitId: string) =>
      (
        await t.db.execute(
          sql`select template from outbox where payload->>'visitId' = ${visitId} and channel = 'in_app' order by id`,
        )
      ).rows.map((r) => r.template);

    // The window of 06-10 closes at the start of 06-18 (7 days' grace); the warning 3 days before.
    await at('2026-06-14T15:00:00Z');
    expect(await flagsOf(first!.visit_id)).toEqual([]);
    await sweep();
    expect(await flagsOf(first!.visit_id)).toEqual([]);
    await at('2026-06-14T16:30:00Z'); // 06-15 00:30 in Shanghai
    await sweep();
    expect(await flagsOf(first!.visit_id)).toEqual(['warning']);
    await sweep();
    expect(await flagsOf(first!.visit_id)).toEqual(['warning']);
    await at('2026-06-18T01:00:00Z');
    await sweep();
    await sweep();
    expect(await flagsOf(first!.visit_id)).toEqual(['warning', 'escalation']);
    const sent = await messages(first!.visit_id);
    expect(sent.filter((m) => m === 'maintenance.overdue-warning').length).toBeGreaterThanOrEqual(1);
    expect(sent.filter((m) => m === 'maintenance.overdue').length).toBeGreaterThanOrEqual(1);
    // One message per manager and level, however many sweeps ran.
    const perRecipient = await t.db.execute(
      sql`select template, recipient, count(*)::int as n from outbox
           where payload->>'visitId' = ${first!.visit_id} and channel = 'in_app' group by template, recipient`,
    );
    expect(perRecipient.rows.every((r) => r.n === 1)).toBe(true);
    // The visit done early is cleared without a flag.
    expect(await flagsOf(second!.visit_id)).toEqual([]);
    await at('2026-07-30T01:00:00Z');
    await sweep();
    expect(await flagsOf(second!.visit_id)).toEqual([]);
    const left = await t.db.execute(
      sql`select next_flag_at from maintenance_visits where id = ${second!.visit_id}`,
    );
    expect(left.rows[0]!.next_flag_at).toBeNull();
  });
});

describe('plan tuning', () => {
  async function history(s: Awaited<ReturnType<typeof project>>, planId: string, rounds: string[]) {
    for (const now of rounds) {
      await at(now);
      expect((await manager.request('POST', `/api/v1/maintenance/plans/${planId}/generate`)).statusCode).toBe(
        200,
      );
      for (const o of await ordersOf(s.project.id)) {
        const due = new Date(`${o.due_on}T03:00:00Z`);
        if (due.getTime() < clock.now().getTime())
          await t.db.execute(
            sql`update work_orders set status = 'completed', completed_at = ${due.toISOString()}::timestamptz
                 where id = ${o.id} and status <> 'completed'`,
          );
      }
    }
  }

  it('proposes a longer interval after N clean visits with no failure; accepting changes the template, audited', async () => {
    const s = await project('small');
    await at('2025-01-05T02:00:00Z');
    const p = await plan(s, { startsOn: '2025-01-15', endsOn: null });
    await history(s, p.id, ['2025-04-01T02:00:00Z', '2025-06-20T02:00:00Z']);
    const analysed = await manager.request('POST', '/api/v1/maintenance/tuning/analyse');
    expect(analysed.statusCode, analysed.body).toBe(200);
    const open = (await manager.request('GET', '/api/v1/maintenance/tuning?status=open')).json();
    const proposal = open.find((x: { templateId: string }) => x.templateId === s.template.id);
    expect(proposal).toMatchObject({
      direction: 'longer',
      currentMonths: 1,
      proposedMonths: 2,
      productId: s.product.id,
      evidence: { rule: 'clean_visits_no_failure', failures: 0, findingsSource: 'visit_checklists' },
    });
    expect(proposal.evidence.cleanVisitsInRow).toBeGreaterThanOrEqual(4);
    // Analysing again opens no second proposal.
    await manager.request('POST', '/api/v1/maintenance/tuning/analyse');
    const again = (await manager.request('GET', '/api/v1/maintenance/tuning?status=open')).json();
    expect(again.filter((x: { templateId: string }) => x.templateId === s.template.id)).toHaveLength(1);

    const engineer = (await loginAs(t, { role: 'field_engineer' })).session;
    expect(
      (
        await engineer.request('POST', `/api/v1/maintenance/tuning/${proposal.id}/decision`, {
          decision: 'accept',
          version: proposal.version,
        })
      ).statusCode,
    ).toBe(403);
    const accepted = await manager.request('POST', `/api/v1/maintenance/tuning/${proposal.id}/decision`, {
      decision: 'accept',
      note: '连续无异常',
      version: proposal.version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      decisionNote: '连续无异常',
      evidence: proposal.evidence,
    });
    expect(accepted.json().decidedByName).toBeTruthy();
    const template = (await manager.request('GET', `/api/v1/maintenance/templates/${s.template.id}`)).json();
    expect(template.intervalMonths).toBe(2);
    const audit = (
      await manager.request(
        'GET',
        `/api/v1/audit?entityType=maintenance_tuning_proposal&entityId=${proposal.id}`,
      )
    ).json();
    expect(JSON.stringify(audit)).toContain('maintenance-tuning.accept');
    const twice = await manager.request('POST', `/api/v1/maintenance/tuning/${proposal.id}/decision`, {
      decision: 'reject',
      version: accepted.json().version,
    });
    expect(twice.statusCode).toBe(409);
  });

  it("leaves out what special and campaign inspections found: only plans' visits count", async () => {
    const s = await project('small');
    await at('2025-01-05T02:00:00Z');
    const p = await plan(s, { startsOn: '2025-01-15', endsOn: null });
    await history(s, p.id, ['2025-04-01T02:00:00Z', '2025-06-20T02:00:00Z']);
    // The latest completed work order also inspected the same assets with the same template, without a
    // plan (as a special inspection's checklist does), and found a hidden danger on each.
    const last = (await ordersOf(s.project.id))
      .filter((o) => new Date(`${o.due_on}T03:00:00Z`) < clock.now())
      .at(-1)!;
    const special = await t.db.execute<{ id: string }>(
      sql`insert into maintenance_visits (customer_id, project_id, due_on, work_order_id, kind)
          values (${s.customer.id}, ${s.project.id}, ${last.due_on}::date, ${last.id}, 'special') returning id`,
    );
    const visitId = special.rows[0]!.id;
    for (const assetId of s.assetIds) {
      const item = await t.db.execute<{ id: string }>(
        sql`insert into maintenance_visit_items (visit_id, customer_id, asset_id, template_id, nominal_on)
            values (${visitId}, ${s.customer.id}, ${assetId}, ${s.template.id}, ${last.due_on}::date) returning id`,
      );
      await t.db.execute(
        sql`insert into maintenance_answers (visit_id, visit_item_id, customer_id, key, result, note, danger,
                                             answered_at, recorded_at, client_event_id)
            values (${visitId}, ${item.rows[0]!.id}, ${s.customer.id}, 'clean', 'fail', '异常', true, now(), now(), ${uid()})`,
      );
    }
    expect((await manager.request('POST', '/api/v1/maintenance/tuning/analyse')).statusCode).toBe(200);
    const proposal = (await manager.request('GET', '/api/v1/maintenance/tuning?status=open'))
      .json()
      .find((x: { templateId: string }) => x.templateId === s.template.id);
    expect(proposal).toMatchObject({
      direction: 'longer',
      evidence: { rule: 'clean_visits_no_failure', visitsWithFindings: 0 },
    });
  });

  it('proposes a shorter interval when the checklists keep finding hidden dangers', async () => {
    const s = await project('medium');
    await at('2025-01-05T02:00:00Z');
    const p = await plan(s, { startsOn: '2025-01-15', endsOn: null });
    await history(s, p.id, ['2025-05-01T02:00:00Z', '2025-09-20T02:00:00Z', '2026-01-10T02:00:00Z']);
    // Every completed visit item found a hidden danger on its checklist (the phone's answers).
    const done = await t.db.execute<{ id: string; visit_id: string; customer_id: string }>(
      sql`select i.id, i.visit_id, i.customer_id from maintenance_visit_items i
            join maintenance_visits v on v.id = i.visit_id
            join work_orders w on w.id = v.work_order_id
           where v.project_id = ${s.project.id} and w.status = 'completed'`,
    );
    expect(done.rows.length).toBeGreaterThanOrEqual(8);
    for (const i of done.rows)
      await t.db.execute(
        sql`insert into maintenance_answers (visit_id, visit_item_id, customer_id, key, result, note, danger,
                                             answered_at, recorded_at, client_event_id)
            values (${i.visit_id}, ${i.id}, ${i.customer_id}, 'clean', 'fail', '接线端子松动', true, now(), now(), ${uid()})`,
      );
    expect((await manager.request('POST', '/api/v1/maintenance/tuning/analyse')).statusCode).toBe(200);
    const proposal = (await manager.request('GET', '/api/v1/maintenance/tuning?status=open'))
      .json()
      .find((x: { templateId: string }) => x.templateId === s.template.id);
    expect(proposal).toMatchObject({
      direction: 'shorter',
      currentMonths: 2,
      proposedMonths: 1,
      evidence: { rule: 'dangers_keep_being_found', findingsSource: 'visit_checklists' },
    });
  });

  it('proposes a shorter interval when failures come before the next visit; rejecting keeps the template', async () => {
    const s = await project('large');
    await at('2025-06-01T02:00:00Z');
    const p = await plan(s, { startsOn: '2025-06-10', endsOn: null });
    await history(s, p.id, ['2025-09-01T02:00:00Z', '2025-12-01T02:00:00Z']);
    // Five repairs between visits over half a year on two assets: MTBF ~ 70 days, under 3 months.
    for (const [i, day] of ['2025-07-01', '2025-08-01', '2025-09-20', '2025-10-15', '2025-11-10'].entries())
      await t.db.execute(
        sql`insert into work_orders (number, kind, status, customer_id, project_id, asset_ids, summary, created_at, updated_at)
            values (${`WO-T-${uid()}`}, 'repair', 'completed', ${s.customer.id}, ${s.project.id},
                    array[${s.assetIds[i % 2]!}]::uuid[], '维修', ${`${day}T02:00:00Z`}::timestamptz, now())`,
      );
    expect((await manager.request('POST', '/api/v1/maintenance/tuning/analyse')).statusCode).toBe(200);
    const proposal = (await manager.request('GET', '/api/v1/maintenance/tuning'))
      .json()
      .find((x: { templateId: string }) => x.templateId === s.template.id);
    expect(proposal).toMatchObject({
      direction: 'shorter',
      currentMonths: 3,
      evidence: { rule: 'failures_before_next_visit', failures: 5 },
    });
    expect(proposal.proposedMonths).toBeLessThan(3);
    const rejected = await manager.request('POST', `/api/v1/maintenance/tuning/${proposal.id}/decision`, {
      decision: 'reject',
      note: '故障为雷击，与保养无关',
      version: proposal.version,
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', evidence: { failures: 5 } });
    const template = (await manager.request('GET', `/api/v1/maintenance/templates/${s.template.id}`)).json();
    expect(template.intervalMonths).toBeNull();
    const bad = await manager.request('POST', `/api/v1/maintenance/tuning/${proposal.id}/decision`, {
      decision: 'maybe',
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('decision');
  });
});

describe('plans from a maintenance contract', () => {
  it("takes the contract's equipment and dates and the owner's own cycle", async () => {
    await at('2026-03-02T02:00:00Z');
    const s = await project('small', 3);
    const contract = await manager.request('POST', '/api/v1/contracts', {
      projectId: s.project.id,
      number: `MA-${uid()}`,
      kind: 'maintenance_agreement',
      startDate: '2026-04-01',
      endDate: '2028-03-31',
    });
    expect(contract.statusCode, contract.body).toBe(201);
    const made = await manager.request('POST', '/api/v1/maintenance/plans/from-contract', {
      contractId: contract.json().id,
      templateIds: [s.template.id],
      ownerCycleMonths: 6,
    });
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json();
    expect(p).toMatchObject({
      contractId: contract.json().id,
      intervalMonths: 6,
      startsOn: '2026-04-01',
      endsOn: '2028-03-31',
      projectId: s.project.id,
    });
    expect(p.assetIds.sort()).toEqual([...s.assetIds].sort());
    expect(p.items.every((i: { intervalMonths: number }) => i.intervalMonths === 6)).toBe(true);
    // Generation follows the owner's cycle: 04-01 only within 90 days (then 10-01).
    const generated = (await manager.request('POST', `/api/v1/maintenance/plans/${p.id}/generate`)).json();
    expect(generated.visitsCreated).toBe(1);

    const supply = await manager.request('POST', '/api/v1/contracts', {
      projectId: s.project.id,
      number: `SI-${uid()}`,
      kind: 'supply_install',
      startDate: '2026-01-01',
    });
    const wrong = await manager.request('POST', '/api/v1/maintenance/plans/from-contract', {
      contractId: supply.json().id,
      templateIds: [s.template.id],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('contractId');
    const zero = await manager.request('POST', '/api/v1/maintenance/plans/from-contract', {
      contractId: contract.json().id,
      templateIds: [s.template.id],
      ownerCycleMonths: 0,
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors[0].field).toBe('ownerCycleMonths');
  });

  it('refuses a plan ending before it starts, on create and on change (422 naming endsOn)', async () => {
    const s = await project();
    const made = await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: '倒序计划',
      assetIds: s.assetIds,
      templateIds: [s.template.id],
      startsOn: '2026-06-01',
      endsOn: '2026-05-01',
    });
    expect(made.statusCode).toBe(422);
    expect(made.json().errors[0].field).toBe('endsOn');
    const ok = await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: '正常计划',
      assetIds: s.assetIds,
      templateIds: [s.template.id],
      startsOn: '2026-06-01',
    });
    const changed = await manager.request('PATCH', `/api/v1/maintenance/plans/${ok.json().id}`, {
      endsOn: '2026-01-01',
      version: ok.json().version,
    });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().errors[0].field).toBe('endsOn');
    const count = await t.db.execute(
      sql`select count(*)::int as n from maintenance_plans where name = '倒序计划'`,
    );
    expect(count.rows[0]!.n).toBe(0);
  });
});
