// 特殊巡查 from a quality early-warning alert over HTTP (issue 16): the alert's equipment, one inspection
// visit per site, due by the maintenance settings' days, linked back to the alert; asked again while open
// it returns the same visits; bad input (a past day, an alert without equipment) and permissions.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildSite,
  createTestApp,
  loginAs,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

// Wednesday 2 December 2026, 00:30 in Asia/Shanghai (16:30 UTC on the 1st): the organisation's day is
// not the UTC one.
const clock = new ManualClock(new Date('2026-12-01T16:30:00Z'));
let t: TestApp;
let manager: Session;
let quality: Session;
let engineer: Session;
let portal: Session;
const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  quality = (await loginAs(t, { role: 'quality_engineer' })).session;
  engineer = (await loginAs(t, { role: 'field_engineer' })).session;
});
afterAll(() => t.close());

async function alertOf(assetIds: string[]) {
  const id = randomUUID();
  const number = `YJ-${uid()}`;
  const evidence = {
    tickets: [],
    assets: assetIds.map((a, i) => ({ id: a, serial: `S-${i}`, productModel: 'LED-100' })),
    batches: [],
  };
  await t.db.execute(sql`insert into quality_alerts (id, number, group_kind, group_id, group_name,
      fault_category, level, reason, period_start, period_end, count, expected, p_value, units, evidence,
      raised_at, last_seen_at)
    values (${id}, ${number}, 'product', ${randomUUID()}, 'LED-100 投光灯', '驱动电源', 'month', 'rate',
      '2026-11-01', '2026-11-30', 5, 1.2, 0.001, 40, ${JSON.stringify(evidence)}::jsonb, now(), now())`);
  return { id, number };
}

describe('special inspection (特殊巡查) from a quality alert', () => {
  it('inspects the evidence equipment, one visit per site, due by the setting, listed on the alert', async () => {
    const customer = await buildCustomer(t.db, {});
    const a = await buildSite(manager, customer.id, { assets: 2 });
    const b = await buildSite(manager, customer.id);
    const alert = await alertOf([...a.assetIds, ...b.assetIds]);

    const made = await quality.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {
      note: '驱动电源批量故障',
    });
    expect(made.statusCode, made.body).toBe(201);
    const body = made.json();
    expect(body.created).toBe(true);
    expect(body.inspections).toHaveLength(2);
    // The organisation's today is 2 December (in UTC still the 1st); the default is 3 days.
    for (const v of body.inspections) {
      expect(v).toMatchObject({
        kind: 'special',
        alertId: alert.id,
        dueOn: '2026-12-05',
        workOrderStatus: 'new',
      });
    }
    const byProject = new Map(
      body.inspections.map((v: { projectId: string; assetIds: string[] }) => [v.projectId, v]),
    );
    expect((byProject.get(a.projectId) as { assetIds: string[] }).assetIds.sort()).toEqual(
      [...a.assetIds].sort(),
    );
    expect((byProject.get(b.projectId) as { assetIds: string[] }).assetIds).toEqual(b.assetIds);
    // The work order says which alert started it.
    const wo = (
      await manager.request('GET', `/api/v1/work-orders/${body.inspections[0].workOrderId}`)
    ).json();
    // On the dispatch board: due from the day it was arranged until its day.
    expect(wo).toMatchObject({ kind: 'inspection', dueWindow: { from: '2026-12-02', by: '2026-12-05' } });
    expect(wo.summary).toContain(alert.number);

    // Again while they are open: the same visits, nothing new.
    const again = await quality.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().created).toBe(false);
    expect(
      again
        .json()
        .inspections.map((v: { visitId: string }) => v.visitId)
        .sort(),
    ).toEqual(body.inspections.map((v: { visitId: string }) => v.visitId).sort());
    const count = await t.pool.query(
      'select count(*)::int as n from maintenance_visits where alert_id = $1',
      [alert.id],
    );
    expect(count.rows[0].n).toBe(2);

    const listed = await quality.request('GET', `/api/v1/quality/alerts/${alert.id}/inspections`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toHaveLength(2);
    const audit = await t.pool.query(
      "select count(*)::int as n from audit_log where action = 'maintenance-visit.special' and entity_id = any($1)",
      [body.inspections.map((v: { visitId: string }) => v.visitId)],
    );
    expect(audit.rows[0].n).toBe(2);

    // Once those are closed, a new request starts new inspections, due by the changed setting.
    await t.pool.query("update work_orders set status = 'cancelled' where id = any($1)", [
      body.inspections.map((v: { workOrderId: string }) => v.workOrderId),
    ]);
    const settings = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
    const { updatedAt: _u, ...values } = settings;
    const saved = await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      specialInspectionDays: 5,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const fresh = await manager.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {});
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().inspections.map((v: { dueOn: string }) => v.dueOn)).toEqual([
      '2026-12-07',
      '2026-12-07',
    ]);
    expect(
      (await quality.request('GET', `/api/v1/quality/alerts/${alert.id}/inspections`)).json(),
    ).toHaveLength(4);

    portal = (await loginAs(t, { customerId: customer.id })).session;
    expect(
      (await portal.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {})).statusCode,
    ).toBe(403);
    expect((await portal.request('GET', `/api/v1/quality/alerts/${alert.id}/inspections`)).statusCode).toBe(
      403,
    );
    expect(
      (await engineer.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {})).statusCode,
    ).toBe(403);
  });

  it('names the field: a past day, an alert without equipment; nothing is written', async () => {
    const customer = await buildCustomer(t.db, {});
    const a = await buildSite(manager, customer.id, { category: 'cabinet', sizeClass: 'medium' });
    const alert = await alertOf(a.assetIds);
    const past = await quality.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {
      dueOn: '2026-12-01',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe('dueOn');
    const bad = await quality.request('POST', `/api/v1/quality/alerts/${alert.id}/inspections`, {
      dueOn: 'tomorrow',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('dueOn');
    const empty = await alertOf([]);
    const none = await quality.request('POST', `/api/v1/quality/alerts/${empty.id}/inspections`, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].field).toBe('alertId');
    const missing = await quality.request('POST', `/api/v1/quality/alerts/${randomUUID()}/inspections`, {});
    expect(missing.statusCode).toBe(404);
    const r = await t.pool.query('select count(*)::int as n from maintenance_visits where project_id = $1', [
      a.projectId,
    ]);
    expect(r.rows[0].n).toBe(0);
  });
});
