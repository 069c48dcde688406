// Least privilege, route by route: which staff roles pass each sensitive route's permission check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES, type TStaffRole } from '../common/roles.ts';
import { createTestApp, loginAs, type Session, type TestApp } from './helpers.ts';

let t: TestApp;
const sessions = new Map<TStaffRole, Session>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of STAFF_ROLES) sessions.set(role, (await loginAs(t, { role })).session);
});
afterAll(() => t.close());

const SERVICE_DESK: TStaffRole[] = ['admin', 'manager', 'agent', 'support_engineer', 'quality_engineer'];
const id = '00000000-0000-4000-8000-000000000001';

const MATRIX: [method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, allowed: TStaffRole[]][] = [
  ['GET', `/api/v1/contracts?projectId=${id}`, SERVICE_DESK],
  ['GET', `/api/v1/contracts/${id}`, SERVICE_DESK],
  ['GET', `/api/v1/contracts/${id}/deposit-entries`, SERVICE_DESK],
  ['POST', `/api/v1/contracts/${id}/deposit-entries`, ['admin', 'manager']],
  ['PATCH', `/api/v1/contracts/${id}`, ['admin', 'manager']],
  ['PATCH', `/api/v1/tickets/${id}`, SERVICE_DESK],
  ['POST', '/api/v1/tickets/bulk-assign', SERVICE_DESK],
  ['GET', `/api/v1/tickets/${id}/history`, SERVICE_DESK],
  ['POST', `/api/v1/tickets/${id}/merge`, SERVICE_DESK],
  ['GET', `/api/v1/tickets/${id}`, [...STAFF_ROLES]],
  ['GET', '/api/v1/canned-replies', [...STAFF_ROLES]],
  ['POST', '/api/v1/canned-replies', ['admin', 'manager']],
  ['PATCH', `/api/v1/canned-replies/${id}`, ['admin', 'manager']],
  ['GET', '/api/v1/users', ['admin', 'manager']],
  ['POST', '/api/v1/users', ['admin']],
  ['POST', `/api/v1/users/${id}/reset-password`, ['admin']],
  ['GET', '/api/v1/audit', ['admin', 'manager', 'quality_engineer']],
  ['GET', '/api/v1/api-tokens', ['admin']],
  ['GET', '/api/v1/surveys/report?from=2026-01-01&to=2026-01-31', ['admin', 'manager', 'quality_engineer']],
  ['GET', '/api/v1/surveys/settings', ['admin', 'manager', 'quality_engineer']],
  ['POST', '/api/v1/surveys/invite', ['admin', 'manager']],
  ['GET', '/api/v1/complaints', SERVICE_DESK],
  ['POST', `/api/v1/complaints/${id}/investigate`, SERVICE_DESK],
  ['POST', `/api/v1/complaints/${id}/feedback`, SERVICE_DESK],
  ['GET', '/api/v1/complaints/summary?from=2026-01&to=2026-01', ['admin', 'manager', 'quality_engineer']],
  ['PUT', '/api/v1/complaints/settings', ['admin', 'manager']],
  ['POST', `/api/v1/suggestions/${id}/decide`, ['admin', 'manager', 'quality_engineer']],
  ['GET', '/api/v1/quality/alerts', ['admin', 'manager', 'quality_engineer']],
  ['POST', '/api/v1/quality/cases', ['admin', 'manager', 'quality_engineer']],
  ['PUT', '/api/v1/quality/settings', ['admin', 'quality_engineer']],
  [
    'GET',
    '/api/v1/analytics/measures?from=2026-01-01&to=2026-01-31',
    ['admin', 'manager', 'quality_engineer'],
  ],
  ['PUT', '/api/v1/analytics/settings', ['admin', 'manager', 'quality_engineer']],
  // Staff performance: everyone their own record; another person's only with analytics.staff.
  ['GET', '/api/v1/analytics/performance?month=2026-01', [...STAFF_ROLES]],
  ['GET', `/api/v1/analytics/performance?month=2026-01&userId=${id}`, ['admin', 'manager']],
  ['POST', `/api/v1/work-orders/${id}/feedback`, ['admin', 'field_engineer']],
];

describe('role × route', () => {
  it.each(MATRIX)('%s %s is open to exactly its roles', async (method, url, allowed) => {
    const outcome: Record<string, 'allowed' | 'forbidden'> = {};
    for (const [role, session] of sessions) {
      const res = await session.request(method, url, method === 'GET' ? undefined : {});
      expect(res.statusCode, `${role}: ${res.body}`).not.toBe(401);
      outcome[role] = res.statusCode === 403 ? 'forbidden' : 'allowed';
    }
    const expected = Object.fromEntries(
      STAFF_ROLES.map((role) => [role, allowed.includes(role) ? 'allowed' : 'forbidden']),
    );
    expect(outcome).toEqual(expected);
  });
});
