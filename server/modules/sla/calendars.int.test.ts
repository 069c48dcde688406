import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

const office = {
  name: '工作日（中国法定节假日）',
  timeZone: 'Asia/Shanghai',
  weekly: {
    '1': [
      [540, 720],
      [810, 1080],
    ],
    '2': [
      [540, 720],
      [810, 1080],
    ],
    '3': [
      [540, 720],
      [810, 1080],
    ],
    '4': [
      [540, 720],
      [810, 1080],
    ],
    '5': [
      [540, 720],
      [810, 1080],
    ],
  },
  holidays: CN_HOLIDAYS.flatMap((s) => s.holidays),
  workdays: CN_HOLIDAYS.flatMap((s) => s.workdays),
  workdaySlots: [
    [540, 720],
    [810, 1080],
  ],
};

describe('SLA calendars', () => {
  it('previews a due time across the National Day holiday and a make-up Saturday', async () => {
    const made = await admin.request('POST', '/api/v1/sla/calendars', office);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const preview = await admin.request('POST', `/api/v1/sla/calendars/${id}/preview`, {
      start: '2026-09-30T17:00:00+08:00',
      durationSeconds: 2 * 3600,
    });
    expect(preview.json()).toMatchObject({ due: '2026-10-08T02:00:00.000Z', businessSeconds: 7200 });
    const paused = await admin.request('POST', `/api/v1/sla/calendars/${id}/preview`, {
      start: '2026-11-23T09:00:00+08:00',
      durationSeconds: 4 * 3600,
      pauses: [{ from: '2026-11-23T11:30:00+08:00', to: '2026-11-23T14:00:00+08:00' }],
    });
    expect(paused.json().due).toBe('2026-11-23T07:30:00.000Z');
  });

  it('previews with a pause before the start left out and overlapping pauses counted once', async () => {
    const id = (await admin.request('POST', '/api/v1/sla/calendars', { ...office, name: 'pauses' })).json()
      .id;
    const preview = await admin.request('POST', `/api/v1/sla/calendars/${id}/preview`, {
      start: '2026-11-23T09:00:00+08:00',
      durationSeconds: 4 * 3600,
      pauses: [
        { from: '2026-11-20T10:00:00+08:00', to: '2026-11-20T11:00:00+08:00' },
        { from: '2026-11-23T10:00:00+08:00', to: '2026-11-23T11:00:00+08:00' },
        { from: '2026-11-23T10:30:00+08:00', to: '2026-11-23T11:00:00+08:00' },
      ],
    });
    expect(preview.statusCode, preview.body).toBe(200);
    // 09:00–10:00 and 11:00–12:00 on the clock, then 13:30–15:30 after lunch.
    expect(preview.json().due).toBe('2026-11-23T07:30:00.000Z');
  });

  it('refuses overlapping slots and unknown time zones, naming the field', async () => {
    const overlap = await admin.request('POST', '/api/v1/sla/calendars', {
      ...office,
      weekly: {
        '1': [
          [540, 720],
          [700, 800],
        ],
      },
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().errors[0].field).toBe('weekly.1');
    const zone = await admin.request('POST', '/api/v1/sla/calendars', {
      ...office,
      timeZone: 'Mars/Olympus',
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0].field).toBe('timeZone');
  });

  it('lets staff read and preview, only managers edit, and customers nothing', async () => {
    const id = (await admin.request('POST', '/api/v1/sla/calendars', { ...office, name: '7×24' })).json().id;
    const { session: agent } = await loginAs(t, { role: 'agent' });
    expect((await agent.request('GET', '/api/v1/sla/calendars')).statusCode).toBe(200);
    expect(
      (await agent.request('PATCH', `/api/v1/sla/calendars/${id}`, { version: 1, name: 'x' })).statusCode,
    ).toBe(403);
    const c = await buildCustomer(t.db);
    const { session: customer } = await loginAs(t, { customerId: c.id });
    expect((await customer.request('GET', '/api/v1/sla/calendars')).statusCode).toBe(403);
  });
});

describe('importing a year', () => {
  it("replaces that year's days off and make-up days, keeping the others, and rejects days of another year", async () => {
    const made = (await admin.request('POST', '/api/v1/sla/calendars', { ...office, name: 'import' })).json();
    const bad = await admin.request('POST', `/api/v1/sla/calendars/${made.id}/import-year`, {
      year: 2027,
      version: made.version,
      days: [{ date: '2026-01-01', name: '元旦', kind: 'off' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('days.0.date');
    const ok = await admin.request('POST', `/api/v1/sla/calendars/${made.id}/import-year`, {
      year: 2026,
      version: made.version,
      days: [
        { date: '2026-01-01', name: '元旦', kind: 'off' },
        { date: '2026-01-04', name: '元旦调休', kind: 'work' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const cal = ok.json();
    expect(cal.holidays.filter((h: { date: string }) => h.date.startsWith('2026-'))).toHaveLength(1);
    expect(cal.holidays.filter((h: { date: string }) => h.date.startsWith('2025-')).length).toBeGreaterThan(
      20,
    );
    expect(cal.workdays.filter((h: { date: string }) => h.date.startsWith('2026-'))).toEqual([
      { date: '2026-01-04', name: '元旦调休' },
    ]);
    const stale = await admin.request('POST', `/api/v1/sla/calendars/${made.id}/import-year`, {
      year: 2026,
      version: made.version,
      days: [],
    });
    expect(stale.statusCode).toBe(409);
  });
});
