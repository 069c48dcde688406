// Open work by region over HTTP (issue 19): two customers with projects in 华东 and 华南, a project that
// names no region (its customer's counts) and a customer that names none; open and finished tickets
// and work orders. The counts equal the hand count below, the drill-down lists the records behind a
// region, and a customer user sees only its own organisation.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TOpenWork, TOpenWorkRecord } from '../../../common/analytics-api.ts';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';

let t: TestApp;
let manager: Session;
let portal: Session;
const ids: Record<string, string> = {};
let seq = 0;

async function project(key: string, customer: string, region: string | null, lat?: number, lng?: number) {
  ids[key] = randomUUID();
  await t.db.execute(sql`insert into projects (id, customer_id, code, name, region, time_zone, latitude, longitude)
    values (${ids[key]}, ${ids[customer]!}, ${`OW-${key}`}, ${`项目${key}`}, ${region}, ${TEST_TIME_ZONE},
      ${lat ?? null}, ${lng ?? null})`);
}
async function ticket(customer: string, projectKey: string | null, status: string) {
  seq++;
  await t.db.execute(sql`insert into tickets (number, kind, status, channel, customer_id, project_id, subject,
      description, team, created_at, updated_at)
    values (${`OW-T-${String(seq).padStart(4, '0')}`}, 'fault_report', ${status}, 'phone', ${ids[customer]!},
      ${projectKey ? ids[projectKey]! : null}, ${`故障${seq}`}, '设备故障', 'support',
      now() - ${`${seq} minutes`}::interval, now())`);
}
async function workOrder(customer: string, projectKey: string | null, status: string) {
  seq++;
  await t.db.execute(sql`insert into work_orders (number, kind, status, customer_id, project_id, summary, created_at)
    values (${`OW-W-${String(seq).padStart(4, '0')}`}, 'repair', ${status}, ${ids[customer]!},
      ${projectKey ? ids[projectKey]! : null}, '维修', now() - ${`${seq} minutes`}::interval)`);
}

beforeAll(async () => {
  t = await createTestApp();
  manager = (await loginAs(t, { role: 'manager' })).session;
  ids.A = (await buildCustomer(t.db, { name: '开放客户A' })).id;
  await t.db.execute(sql`update customers set region = '华东' where id = ${ids.A}`);
  ids.B = (await buildCustomer(t.db, { name: '开放客户B' })).id;
  await project('A1', 'A', '华东', 31.23, 121.47);
  await project('A2', 'A', null); // names no region: customer A's (华东)
  await project('B1', 'B', '华南', 23.13, 113.26);
  // Customer A: 华东 — tickets 3 open (A1 ×2, A2 ×1) + 1 without project = 4 open; work orders 2 open.
  await ticket('A', 'A1', 'new');
  await ticket('A', 'A1', 'in_progress');
  await ticket('A', 'A2', 'waiting_customer');
  await ticket('A', null, 'assigned');
  await ticket('A', 'A1', 'closed');
  await ticket('A', 'A1', 'resolved');
  await workOrder('A', 'A1', 'assigned');
  await workOrder('A', 'A2', 'on_site');
  await workOrder('A', 'A1', 'completed');
  // Customer B: 华南 — 1 open ticket, 2 open work orders; without project (no region) 1 open ticket.
  await ticket('B', 'B1', 'new');
  await workOrder('B', 'B1', 'new');
  await workOrder('B', 'B1', 'repairing');
  await workOrder('B', 'B1', 'cancelled');
  await ticket('B', null, 'new');
  portal = (await loginAs(t, { customerId: ids.B })).session;
});
afterAll(() => t.close());

const regionsOf = (w: TOpenWork) =>
  Object.fromEntries(w.regions.map((r) => [r.region ?? '-', [r.tickets, r.workOrders]]));

describe('open work by region', () => {
  it('counts open tickets and work orders per region as counted by hand', async () => {
    const res = await manager.request('GET', '/api/v1/analytics/open-work');
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json() as TOpenWork;
    expect(regionsOf(w)).toMatchObject({ 华东: [4, 2], 华南: [1, 2], '-': [1, 0] });
    const east = w.regions.find((r) => r.region === '华东')!;
    expect(east.sites.find((s) => s.name === '项目A1')).toMatchObject({
      tickets: 2,
      workOrders: 1,
      latitude: 31.23,
      longitude: 121.47,
    });
    // Filtered on a customer, like the rest of the dashboard.
    const a = (await manager.request('GET', `/api/v1/analytics/open-work?customerId=${ids.A}`)).json();
    expect(regionsOf(a)).toEqual({ 华东: [4, 2] });
  });

  it('lists the records behind a region', async () => {
    const res = await manager.request(
      'GET',
      `/api/v1/analytics/open-work/records?region=${encodeURIComponent('华南')}&customerId=${ids.B}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as TOpenWorkRecord[];
    expect(items.map((i) => i.kind).sort()).toEqual(['ticket', 'work_order', 'work_order']);
    expect(items.every((i) => i.customerName === '开放客户B' && i.projectName === '项目B1')).toBe(true);
    const none = (
      await manager.request('GET', `/api/v1/analytics/open-work/records?customerId=${ids.B}`)
    ).json();
    expect(none.items).toHaveLength(1);
    expect(none.items[0]).toMatchObject({ kind: 'ticket', projectName: null });
  });

  it('shows a customer user only its own organisation', async () => {
    const res = await portal.request('GET', '/api/v1/analytics/open-work');
    expect(res.statusCode, res.body).toBe(200);
    expect(regionsOf(res.json())).toEqual({ 华南: [1, 2], '-': [1, 0] });
    const other = await portal.request('GET', `/api/v1/analytics/open-work?customerId=${ids.A}`);
    expect(other.statusCode).toBe(404);
    const records = await portal.request(
      'GET',
      `/api/v1/analytics/open-work/records?region=${encodeURIComponent('华东')}`,
    );
    expect(records.json().items).toEqual([]);
  });

  it('names the field of a bad query', async () => {
    const res = await manager.request('GET', '/api/v1/analytics/open-work?customerId=nope');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('customerId');
  });
});
