// The due window of a planned visit on the dispatch board (issue 16: "visits appear on the dispatch
// board and the engineers' schedules with their due windows; assignment suggestions work for them as
// for repairs"): the window in the organisation's days, a warning when the visit is set outside it,
// and the suggestions judged against the window's close.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/calendar-dates.ts';
import {
  buildCustomer,
  buildSite,
  createTestApp,
  loginAs,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

// Wednesday 2 December 2026, 00:30 in Asia/Shanghai (16:30 UTC on the 1st).
const clock = new ManualClock(new Date('2026-12-01T16:30:00Z'));
let t: TestApp;
let manager: Session;
let engineerId: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  engineerId = (await loginAs(t, { role: 'field_engineer' })).user.id;
});
afterAll(() => t.close());

/** 09:00 of a day in Asia/Shanghai (the test organisation's zone). */
const nineOn = (day: string) => new Date(`${day}T01:00:00Z`).toISOString();

async function plannedVisit() {
  const customer = await buildCustomer(t.db);
  const site = await buildSite(manager, customer.id);
  const template = (
    await manager.request('POST', '/api/v1/maintenance/templates', {
      name: '保养',
      cycle: 'routine',
      category: 'lighting',
      checklist: [{ key: 'clean', label: '清洁', kind: 'check' }],
    })
  ).json();
  const plan = await manager.request('POST', '/api/v1/maintenance/plans', {
    projectId: site.projectId,
    name: '保养计划',
    assetIds: site.assetIds,
    templateIds: [template.id],
    startsOn: '2026-12-07',
  });
  expect(plan.statusCode, plan.body).toBe(201);
  expect(
    (await manager.request('POST', `/api/v1/maintenance/plans/${plan.json().id}/generate`)).statusCode,
  ).toBe(200);
  const visits = (await manager.request('GET', `/api/v1/maintenance/plans/${plan.json().id}/visits`)).json();
  return visits.sort((a: { dueOn: string }, b: { dueOn: string }) => a.dueOn.localeCompare(b.dueOn))[0] as {
    dueOn: string;
    workOrderId: string;
  };
}

describe('the due window of a planned visit on the dispatch board', () => {
  it('shows the window, warns outside it, and suggests engineers against its close', async () => {
    const visit = await plannedVisit();
    // Due on its day until the grace days (7 by default) have passed.
    const window = { from: visit.dueOn, by: addDays(visit.dueOn, 7) };
    const board = await manager.request('GET', '/api/v1/work-orders?queue=unassigned&limit=200');
    expect(board.statusCode, board.body).toBe(200);
    const row = board.json().find((w: { id: string }) => w.id === visit.workOrderId);
    expect(row).toMatchObject({ kind: 'maintenance', dueWindow: window, onSiteDueAt: null });
    const detail = (await manager.request('GET', `/api/v1/work-orders/${visit.workOrderId}`)).json();
    expect(detail.dueWindow).toEqual(window);
    // Repairs have no window.
    expect(
      board.json().filter((w: { kind: string; dueWindow: unknown }) => w.kind === 'repair' && w.dueWindow),
    ).toEqual([]);

    const suggested = await manager.request('GET', `/api/v1/work-orders/${visit.workOrderId}/suggestions`);
    expect(suggested.statusCode, suggested.body).toBe(200);
    const closes = new Date(`${addDays(window.by, 1)}T00:00:00+08:00`).toISOString();
    const reasons = suggested
      .json()
      .flatMap((s: { reasons: { code: string; params: { due?: string } }[] }) => s.reasons);
    const deadline = reasons.filter(
      (r: { code: string }) => r.code === 'before_deadline' || r.code === 'after_deadline',
    );
    expect(deadline.length).toBeGreaterThan(0);
    for (const r of deadline) expect(r.params.due).toBe(closes);

    const set = async (scheduledAt: string) => {
      const wo = (await manager.request('GET', `/api/v1/work-orders/${visit.workOrderId}`)).json();
      const res = await manager.request('PATCH', `/api/v1/work-orders/${visit.workOrderId}`, {
        version: wo.version,
        engineerId,
        scheduledAt,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().warnings;
    };
    expect(await set(nineOn(addDays(window.by, 1)))).toEqual([{ code: 'after_due_window', window }]);
    expect(await set(nineOn(addDays(window.from, -1)))).toEqual([{ code: 'before_due_window', window }]);
    expect(await set(nineOn(window.by))).toEqual([]);
    expect(await set(nineOn(window.from))).toEqual([]);
  });
});
