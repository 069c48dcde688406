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
import { ensureSlaDefaults } from '../sla/index.ts';
import { publishReportJob } from './index.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const MIN = 60_000;
let t: TestApp;
let engineer: Session;
let engineerId: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' }, jobs: [publishReportJob] });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
});
afterAll(() => t.close());

const store = (name: string, data: Buffer, customerId: string | null) =>
  storeFile(systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'), new LocalBlobStore(t.blobDir), {
    name,
    data,
    customerId,
  });

describe('the repair report PDF', () => {
  it('heads with the company, names the equipment, the charges with the warranty reason and the photos, with no blank page', async () => {
    const admin = (await loginAs(t, { role: 'admin' })).session;
    const logo = await store('logo.png', testPng(180, 60, [29, 78, 216]), null);
    const company = await admin.request('PUT', '/api/v1/company', {
      version: 0,
      name: '杭州光亮照明工程有限公司',
      logoFileId: logo.id,
    });
    expect(company.statusCode, company.body).toBe(200);

    const manager = (await loginAs(t, { role: 'manager' })).session;
    const agent = (await loginAs(t, { role: 'agent' })).session;
    const c = await buildCustomer(t.db, { name: '滨江区城管局' });
    const uid = Math.random().toString(36).slice(2, 8).toUpperCase();
    const project = (
      await manager.request('POST', '/api/v1/projects', {
        customerId: c.id,
        code: `P-${uid}`,
        name: '滨江路灯',
      })
    ).json();
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `LD-${uid}`,
        name: 'LED 路灯',
        category: 'lighting',
        sizeClass: 'small',
      })
    ).json();
    await manager.request('POST', '/api/v1/contracts', {
      projectId: project.id,
      number: `HT-${uid}`,
      kind: 'supply_install',
      startDate: '2026-01-01',
      warrantyMonths: 12,
      labourRateFen: 20_000,
      travelFeeFen: 30_000,
    });
    const asset = (
      await manager.request('POST', '/api/v1/assets', {
        projectId: project.id,
        productId: product.id,
        serial: `SN-${uid}`,
        name: '12 号灯杆',
        location: '江南大道与长河路口',
      })
    ).json();
    await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: '2026-06-01',
      signedByName: '业主',
    });
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: c.id,
        projectId: project.id,
        assetIds: [asset.id],
        subject: '灯不亮',
        description: '12 号灯杆不亮',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
    clock.set(new Date(T0.getTime() + 120 * MIN));
    const stage = (stage: string, minutes: number, data?: Record<string, unknown>) =>
      engineer.request('POST', `/api/v1/work-orders/${wo.id}/events`, {
        clientEventId: `${wo.id}-${stage}`,
        stage,
        at: new Date(T0.getTime() + minutes * MIN).toISOString(),
        data,
      });
    await stage('arrived', 10);
    await stage('diagnosed', 20, { faultLocation: '驱动电源', cause: 'normal_failure' });
    const before = await store('before.png', testPng(160, 120, [245, 158, 11]), c.id);
    const after = await store('after.png', testPng(160, 120, [16, 185, 129]), c.id);
    const photos = await engineer.request('PUT', `/api/v1/work-orders/${wo.id}/photos`, {
      before: [before.id],
      after: [after.id],
    });
    expect(photos.statusCode, photos.body).toBe(200);
    const done = await stage('completed', 60, {
      result: '已更换驱动电源，恢复正常',
      timeSpentMinutes: 40,
      signedBy: '周主任',
    });
    expect(done.statusCode, done.body).toBe(200);

    const pdf = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).rawPayload;
    const pages = await pdfPages(pdf);
    for (const page of pages) expect(page.replace(/第 ?\d+ ?\/ ?\d+ ?页/, '').trim()).not.toBe('');
    const text = pages.join('\n');
    for (const s of [
      '杭州光亮照明工程有限公司',
      '12 号灯杆',
      `SN-${uid}`,
      '江南大道与长河路口',
      '保修期内',
      '质保期至 2027-06-01（不含）',
      '维修前照片',
      '维修后照片',
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/in_warranty|normal_failure/);
    // Photos are drawn as images (logo, before, after).
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(3);

    const en = (
      await pdfPages(
        (
          await engineer.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf?lang=en`)
        ).rawPayload,
      )
    ).join('\n');
    expect(en).toContain('In warranty until 2027-06-01 (exclusive).');
    expect(en).toContain('Photos after the work');
  });
});
