import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  pdfPages,
  pdfText,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';

let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'agent' })).session;
});
afterAll(() => t.close());

describe('service archive PDF', () => {
  it('prints the archive of a piece of equipment in Chinese, with customer text kept as text', async () => {
    const c = await buildCustomer(t.db, { name: '杭州<script>alert(1)</script>照明' });
    const project = (
      await agent.request('POST', '/api/v1/projects', {
        customerId: c.id,
        code: `P-${Date.now()}`,
        name: '滨江路灯工程',
      })
    ).json();
    const { session: manager } = await loginAs(t, { role: 'manager' });
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `M-${Date.now()}`,
        name: '太阳能路灯杆',
        category: 'lighting',
        sizeClass: 'medium',
      })
    ).json();
    const asset = (
      await agent.request('POST', '/api/v1/assets', {
        projectId: project.id,
        productId: product.id,
        serial: 'SN-PDF-1',
        location: '一号路口',
      })
    ).json();
    await agent.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: '2026-03-15',
      signedByName: '周主任',
    });

    const res = await agent.request('GET', `/api/v1/assets/${asset.id}/archive.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('设备服务档案');
    expect(text).toContain('太阳能路灯杆');
    expect(text).toContain('一号路口');
    expect(text).toMatch(/2026-03-15 ?验收，开始计算质保期/);
    expect(text).toContain('杭州<script>alert(1)</script>照明');
    expect(text).toMatch(/第 ?1 ?页 ?\/ ?共 ?1 ?页/);

    const en = await pdfText(
      (await agent.request('GET', `/api/v1/assets/${asset.id}/archive.pdf?lang=en`)).rawPayload,
    );
    expect(en).toContain('Equipment service archive');
    expect(en).toContain('Accepted on 2026-03-15; warranty starts');
    const projectPdf = await pdfText(
      (await agent.request('GET', `/api/v1/projects/${project.id}/archive.pdf`)).rawPayload,
    );
    expect(projectPdf).toContain('项目服务档案');
  });

  it('folds an acceptance of 60 pieces into one named row, words ticket events, and ends without a blank page', async () => {
    const c = await buildCustomer(t.db, { name: '宁波照明' });
    const project = (
      await agent.request('POST', '/api/v1/projects', {
        customerId: c.id,
        code: `G-${Date.now()}`,
        name: '环城灯带',
      })
    ).json();
    const { session: manager } = await loginAs(t, { role: 'manager' });
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `G-${Date.now()}`,
        name: '投光灯',
        category: 'lighting',
        sizeClass: 'small',
      })
    ).json();
    const assets: { id: string }[] = [];
    for (let i = 1; i <= 60; i++)
      assets.push(
        (
          await agent.request('POST', '/api/v1/assets', {
            projectId: project.id,
            productId: product.id,
            serial: `GL-${String(i).padStart(2, '0')}`,
            name: `${i}号灯`,
          })
        ).json(),
      );
    await agent.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: '2026-03-15',
      signedByName: '周主任',
    });
    await agent.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: c.id,
      projectId: project.id,
      assetIds: [assets[0]!.id, assets[1]!.id],
      subject: '灯带不亮',
      description: '两盏灯不亮',
    });

    const list = (await agent.request('GET', `/api/v1/projects/${project.id}/archive?limit=100`)).json();
    expect(list.items.find((e: { assetId: string }) => e.assetId === assets[0]!.id).assetLabel).toBe(
      'GL-01 1号灯',
    );

    const pdf = (await agent.request('GET', `/api/v1/projects/${project.id}/archive.pdf`)).rawPayload;
    const pages = await pdfPages(pdf);
    const text = pages.join('\n');
    expect(text.match(/设备验收/g)).toHaveLength(1);
    expect(text).toMatch(/共 ?60 ?台设备/);
    expect(text).toContain('GL-60 60号灯');
    // 60 registrations fill more than a page; the last page still has text.
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain('灯带不亮');
    expect(text).toMatch(/报修：BX-\d{4}-\d+：灯带不亮/);
    expect(text).not.toContain('tickets.fault_report');
    expect(text).not.toContain('registry.');
    for (const page of pages) expect(page.replace(/第 ?\d+ ?页 ?\/ ?共 ?\d+ ?页/, '').trim()).not.toBe('');
  });

  it('is not available to another customer', async () => {
    const a = await buildCustomer(t.db);
    const b = await buildCustomer(t.db);
    const project = (
      await agent.request('POST', '/api/v1/projects', {
        customerId: b.id,
        code: `Q-${Date.now()}`,
        name: 'B 的项目',
      })
    ).json();
    const { session } = await loginAs(t, { customerId: a.id });
    expect((await session.request('GET', `/api/v1/projects/${project.id}/archive.pdf`)).statusCode).toBe(404);
  });
});
