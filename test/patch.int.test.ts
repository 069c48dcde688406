// A PATCH changes only the fields it names: no route's update schema fills in a default, and a
// rename keeps every other setting (active flags, the default policy, a part's unit and flags).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, loginAs, type Session, type TestApp } from './helpers.ts';
import { fillRoute, shapeOf } from './route-sweep.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

describe('PATCH changes only what it names', () => {
  it('no update schema of any PATCH route adds a field the request did not send', () => {
    const patches = t.app.apiRoutes.filter((r) => r.method === 'PATCH' && shapeOf(r.schema?.body));
    expect(patches.length).toBeGreaterThan(5);
    for (const route of patches) {
      const body = route.schema!.body as z.ZodType;
      const sent = shapeOf(body)!.version ? { version: 1 } : {};
      const parsed = body.safeParse(sent);
      if (parsed.success) expect(parsed.data, `PATCH ${route.url}`).toEqual(sent);
    }
    expect(fillRoute(patches[0]!)).toContain('/api/v1/');
  });

  it('renaming an inactive webhook keeps it inactive', async () => {
    const created = await admin.request('POST', '/api/v1/webhooks', {
      name: 'ERP',
      url: 'https://erp.example.com/hook',
      events: ['ticket.created'],
      active: false,
    });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    const renamed = await admin.request('PATCH', `/api/v1/webhooks/${hook.id}`, {
      name: 'ERP (new)',
      version: hook.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'ERP (new)', active: false });
  });

  it('renaming the default SLA policy keeps it the default', async () => {
    const created = await admin.request('POST', '/api/v1/sla/policies', {
      name: 'Everything else',
      position: 100,
      isDefault: true,
      conditions: {},
      targets: [
        { metric: 'first_response', start: 'created', stop: ['first_public_reply'], durationMinutes: 15 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const byDefault = created.json();
    expect(byDefault.isDefault).toBe(true);
    const renamed = await admin.request('PATCH', `/api/v1/sla/policies/${byDefault.id}`, {
      name: `${byDefault.name} (renamed)`,
      version: byDefault.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ isDefault: true, active: byDefault.active });
  });

  it('renaming a part keeps its unit, flags, fits and photos', async () => {
    const created = await admin.request('POST', '/api/v1/parts', {
      partNumber: 'PATCH-1',
      name: 'Fuse',
      unit: '盒',
      genuine: false,
      wearing: true,
    });
    expect(created.statusCode).toBe(201);
    const part = created.json();
    const renamed = await admin.request('PATCH', `/api/v1/parts/${part.id}`, {
      name: 'Fuse 10 A',
      version: part.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Fuse 10 A', unit: '盒', genuine: false, wearing: true });
  });
});
