// QR labels over HTTP: codes issued and re-issued (the old one revoked), label sheets holding the codes,
// the public scan page (unknown, revoked, retired), one-time SMS codes (limits per number and address,
// wrong/reused/expired), uploads (not an image, over the size limit), the report as a `qr` ticket with
// the SLA clock from the report, a duplicate joining the open ticket, the tracking page showing only
// progress (and refusing a tampered link, expiring at close), and the engineer's scan on the visit.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  type LightResponse,
  loginAs,
  pdfPages,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { multipartBody } from '../../../test/uploads.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ensureSlaDefaults } from '../sla/index.ts';

const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
const MIN = 60_000;
let t: TestApp;
let manager: Session;
let engineer: Session;
let engineerId: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  manager = (await loginAs(t, { role: 'manager' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
  await t.db.execute(sql`update users set display_name = '王建国' where id = ${engineerId}`);
});
afterAll(() => t.close());

let seq = 0;
const uid = () => `${Date.now().toString(36)}${++seq}`;

async function equipment(count = 1, name = '太阳能路灯') {
  const customer = await buildCustomer(t.db, { name: `滨江区城管 ${uid()}` });
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '滨江路灯工程',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name,
      category: 'lighting',
      sizeClass: 'medium',
    })
  ).json();
  const assets = [];
  for (let i = 0; i < count; i++)
    assets.push(
      (
        await manager.request('POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          serial: `SN-${uid()}`,
          name: `${name} ${i + 1} 号`,
          location: `江南大道 ${i + 1} 号杆`,
        })
      ).json() as { id: string; version: number },
    );
  return { customer, project, assets };
}

const labelOf = async (assetId: string) =>
  (await manager.request('GET', `/api/v1/assets/${assetId}/label`)).json() as { code: string; url: string };

const anon = (
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  ip = '203.0.113.7',
) =>
  t.app.inject({
    method,
    url,
    headers,
    remoteAddress: ip,
    ...(body !== undefined ? { payload: body as object } : {}),
  }) as Promise<LightResponse>;

async function lastSms(phone: string): Promise<string> {
  const r = await t.db.execute<{ payload: { text: string } }>(
    sql`select payload from outbox where channel = 'sms' and recipient = ${phone} order by created_at desc, id desc limit 1`,
  );
  return r.rows[0]!.payload.text;
}

async function confirmPhone(code: string, phone: string, ip?: string, typed = phone) {
  const sent = await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: typed }, {}, ip);
  expect(sent.statusCode, sent.body).toBe(200);
  const otp = /(\d{6})/.exec(await lastSms(phone))![1]!;
  const verified = await anon('POST', `/api/v1/public/qr/${code}/verify`, { phone: typed, otp }, {}, ip);
  expect(verified.statusCode, verified.body).toBe(200);
  return { otp, proof: verified.json().proof as string };
}

function upload(code: string, proof: string, name: string, data: Buffer) {
  const body = multipartBody(name, data);
  return anon('POST', `/api/v1/public/qr/${code}/files`, body.payload as unknown, {
    'content-type': body.contentType,
    'x-qr-proof': proof,
  });
}

const ticketCount = async () =>
  Number((await t.db.execute<{ n: string }>(sql`select count(*) as n from tickets`)).rows[0]!.n);

describe('label codes and sheets', () => {
  it('gives every asset a stable unguessable code; re-issuing revokes the old one', async () => {
    const { assets } = await equipment();
    const first = await labelOf(assets[0]!.id);
    expect(first.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(first.url).toMatch(new RegExp(`/q/${first.code}$`));
    expect((await labelOf(assets[0]!.id)).code).toBe(first.code);

    const re = await manager.request('POST', `/api/v1/assets/${assets[0]!.id}/label/reissue`);
    expect(re.statusCode).toBe(200);
    expect(re.json().code).not.toBe(first.code);
    const old = await anon('GET', `/api/v1/public/qr/${first.code}`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({
      state: 'revoked',
      name: null,
      location: null,
      canReportDirectly: false,
    });
    expect(
      (await anon('POST', `/api/v1/public/qr/${first.code}/otp`, { phone: '13900000001' })).statusCode,
    ).toBe(410);
    // A code nobody issued, and one that is not a code at all.
    expect((await anon('GET', '/api/v1/public/qr/ABCDEFGHJKMNPQRS')).statusCode).toBe(404);
    expect((await anon('GET', '/api/v1/public/qr/not-a-code')).statusCode).toBe(404);
  });

  it('prints a project on A4 sheets and single labels, each with its code, name, project and the hotline', async () => {
    const { project, assets } = await equipment(26);
    const sheet = await manager.request('GET', `/api/v1/labels.pdf?projectId=${project.id}`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPages(sheet.rawPayload);
    expect(pages).toHaveLength(2); // 24 to an A4 sheet of 3×8
    const all = pages.join('\n');
    for (const a of assets) expect(all).toContain((await labelOf(a.id)).code);
    expect(all).toContain('滨江路灯工程');
    expect(all).toContain('报修热线 400-888-0000');

    const single = await manager.request(
      'GET',
      `/api/v1/labels.pdf?assetIds=${assets[0]!.id},${assets[1]!.id}&layout=single_50x30&lang=en`,
    );
    const singles = await pdfPages(single.rawPayload);
    expect(singles).toHaveLength(2);
    expect(singles[1]).toContain((await labelOf(assets[1]!.id)).code);
    expect(singles[0]).toContain('Service hotline');
  });

  it('refuses a sheet of equipment the caller cannot see and one naming nothing', async () => {
    const { assets } = await equipment();
    const other = await buildCustomer(t.db);
    const { session: customer } = await loginAs(t, { customerId: other.id });
    // Another organisation's equipment is simply not found.
    expect((await customer.request('GET', `/api/v1/labels.pdf?assetIds=${assets[0]!.id}`)).statusCode).toBe(
      404,
    );
    expect((await manager.request('GET', '/api/v1/labels.pdf')).statusCode).toBe(422);
  });
});

describe('the scan page and a report', () => {
  it('shows the equipment without a login, and a retired one says so', async () => {
    const { assets, project } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const page = await anon('GET', `/api/v1/public/qr/${code}`);
    expect(page.json()).toMatchObject({
      state: 'active',
      name: '太阳能路灯 1 号',
      projectName: '滨江路灯工程',
      location: '江南大道 1 号杆',
      hotline: '400-888-0000',
      canReportDirectly: false,
      openTicketNumber: null,
    });
    expect(page.json().warranty.status).toBe('not_accepted');
    await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: '2026-01-10',
      signedByName: '周主任',
    });
    const accepted = (await anon('GET', `/api/v1/public/qr/${code}`)).json();
    expect(accepted.warranty.status).toBe('in_warranty');
    expect(accepted.warranty.until).toMatch(/^\d{4}-01-09$/);
    expect(JSON.stringify(page.json())).not.toContain(assets[0]!.id);

    const fresh = (await manager.request('GET', `/api/v1/assets/${assets[0]!.id}`)).json();
    const retired = await manager.request('PATCH', `/api/v1/assets/${assets[0]!.id}`, {
      version: fresh.version,
      status: 'retired',
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await anon('GET', `/api/v1/public/qr/${code}`)).json().state).toBe('retired');
    expect((await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: '13900000002' })).statusCode).toBe(
      410,
    );
  });

  it('confirms a phone by SMS and reports with a photo: a qr ticket on the asset, SLA from the report, tracking link by SMS', async () => {
    const { assets, customer } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const phone = '13912345678';
    clock.set(new Date('2026-03-02T03:00:00Z'));
    const { proof } = await confirmPhone(code, phone, undefined, '+86 139 1234 5678');
    const photo = await upload(code, proof, 'lamp.png', testPng(8, 8, [200, 30, 30]));
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ contentType: 'image/png' });

    clock.set(new Date('2026-03-02T03:05:00Z'));
    const res = await anon('POST', `/api/v1/public/qr/${code}/report`, {
      proof,
      description: '路灯整晚不亮',
      files: [photo.json().token],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'created', ticketNumber: expect.stringMatching(/^BX/) });
    const [ticket] = (
      await t.db.execute<{
        id: string;
        channel: string;
        customer_id: string;
        asset_ids: string[];
        contact_phone: string;
        attachment_ids: string[];
        created_at: Date;
      }>(
        sql`select id, channel, customer_id, asset_ids, contact_phone, attachment_ids, created_at from tickets where number = ${res.json().ticketNumber}`,
      )
    ).rows;
    expect(ticket).toMatchObject({ channel: 'qr', customer_id: customer.id, contact_phone: phone });
    expect(ticket!.asset_ids).toEqual([assets[0]!.id]);
    expect(ticket!.attachment_ids).toHaveLength(1);
    const detail = (await manager.request('GET', `/api/v1/tickets/${ticket!.id}`)).json();
    const firstResponse = detail.sla.find((s: { metric: string }) => s.metric === 'first_response');
    expect(firstResponse.startedAt).toBe('2026-03-02T03:05:00.000Z');
    expect(await lastSms(phone)).toContain(res.json().trackingUrl);

    // The same asset again, while the ticket is open: the report joins it.
    const again = await confirmPhone(code, '13700000000');
    const before = await ticketCount();
    const dup = await anon('POST', `/api/v1/public/qr/${code}/report`, {
      proof: again.proof,
      description: '还是不亮',
    });
    expect(dup.json()).toMatchObject({ outcome: 'joined', ticketNumber: res.json().ticketNumber });
    expect(await ticketCount()).toBe(before);
    const messages = (await manager.request('GET', `/api/v1/tickets/${ticket!.id}`)).json().messages;
    expect(messages.map((m: { body: string }) => m.body)).toContain('[13700000000] 还是不亮');
    expect((await anon('GET', `/api/v1/public/qr/${code}`)).json().openTicketNumber).toBe(
      res.json().ticketNumber,
    );
  });

  it('lets a signed-in user of the customer report at once, and asks anyone else to confirm a phone', async () => {
    const { assets, customer } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const { session: portal } = await loginAs(t, { customerId: customer.id });
    expect((await portal.request('GET', `/api/v1/public/qr/${code}`)).json().canReportDirectly).toBe(true);
    const res = await portal.request('POST', `/api/v1/public/qr/${code}/report`, { description: '灯杆倾斜' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().outcome).toBe('created');

    const { assets: others } = await equipment();
    const otherCode = (await labelOf(others[0]!.id)).code;
    expect((await portal.request('GET', `/api/v1/public/qr/${otherCode}`)).json().canReportDirectly).toBe(
      false,
    );
    const refused = await portal.request('POST', `/api/v1/public/qr/${otherCode}/report`, {
      description: '灯杆倾斜',
    });
    expect(refused.statusCode).toBe(401);
    expect(
      (await anon('POST', `/api/v1/public/qr/${otherCode}/report`, { description: '不亮' })).statusCode,
    ).toBe(401);
  });
});

describe('bad input on the scan page', () => {
  it('limits codes per number and per address, refuses a wrong phone format', async () => {
    const { assets } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const wrong = await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: '12345' });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json().errors)).toContain('phone');
    for (let i = 0; i < 3; i++)
      expect(
        (await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: '13600000001' }, {}, '198.51.100.1'))
          .statusCode,
      ).toBe(200);
    const perPhone = await anon(
      'POST',
      `/api/v1/public/qr/${code}/otp`,
      { phone: '13600000001' },
      {},
      '198.51.100.2',
    );
    expect(perPhone.statusCode).toBe(429);
    for (let i = 0; i < 7; i++)
      await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: `1350000000${i}` }, {}, '198.51.100.1');
    const perAddress = await anon(
      'POST',
      `/api/v1/public/qr/${code}/otp`,
      { phone: '13500000009' },
      {},
      '198.51.100.1',
    );
    expect(perAddress.statusCode).toBe(429);
    // An hour later the number may ask again.
    clock.set(new Date(clock.now().getTime() + 61 * MIN));
    expect(
      (await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: '13600000001' }, {}, '198.51.100.3'))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a wrong, reused or expired code and a tampered proof, creating nothing', async () => {
    const { assets } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const before = await ticketCount();
    await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: '13400000001' });
    const otp = /(\d{6})/.exec(await lastSms('13400000001'))![1]!;
    const wrongOtp = otp === '000000' ? '111111' : '000000';
    const wrong = await anon('POST', `/api/v1/public/qr/${code}/verify`, {
      phone: '13400000001',
      otp: wrongOtp,
    });
    expect(wrong.statusCode).toBe(422);
    expect(JSON.stringify(wrong.json().errors)).toContain('otp');
    const ok = await anon('POST', `/api/v1/public/qr/${code}/verify`, { phone: '13400000001', otp });
    expect(ok.statusCode).toBe(200);
    expect(
      (await anon('POST', `/api/v1/public/qr/${code}/verify`, { phone: '13400000001', otp })).statusCode,
    ).toBe(409);

    await anon('POST', `/api/v1/public/qr/${code}/otp`, { phone: '13400000002' });
    const late = /(\d{6})/.exec(await lastSms('13400000002'))![1]!;
    clock.set(new Date(clock.now().getTime() + 11 * MIN));
    expect(
      (await anon('POST', `/api/v1/public/qr/${code}/verify`, { phone: '13400000002', otp: late }))
        .statusCode,
    ).toBe(410);

    const proof: string = ok.json().proof;
    const tampered = `${proof.slice(0, -2)}${proof.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(
      (await anon('POST', `/api/v1/public/qr/${code}/report`, { proof: tampered, description: '不亮' }))
        .statusCode,
    ).toBe(403);
    // A proof for another label does not report on this one.
    const { assets: others } = await equipment();
    const otherCode = (await labelOf(others[0]!.id)).code;
    expect(
      (await anon('POST', `/api/v1/public/qr/${otherCode}/report`, { proof, description: '不亮' }))
        .statusCode,
    ).toBe(403);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a "photo" that is not an image or video, and a video over the size limit', async () => {
    const { assets } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const { proof } = await confirmPhone(code, '13300000001');
    const files = async () =>
      Number((await t.db.execute<{ n: string }>(sql`select count(*) as n from files`)).rows[0]!.n);
    const before = await files();
    const text = await upload(code, proof, 'photo.jpg', Buffer.from('just some text, not a picture'));
    expect(text.statusCode).toBe(415);
    expect(JSON.stringify(text.json().errors)).toContain('file');
    const { session: admin } = await loginAs(t, { role: 'admin' });
    const saved = await admin.request('PUT', '/api/v1/labels/settings', {
      version: 0,
      hotline: '400-888-0000',
      otpPerPhonePerHour: 3,
      otpPerAddressPerHour: 10,
      reportsPerAssetPerHour: 5,
      photoMaxBytes: 10 * 1024 * 1024,
      videoMaxBytes: 1_000_000,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // An MP4 header followed by more bytes than the limit allows.
    const mp4 = Buffer.concat([
      Buffer.from([
        0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32, 0, 0, 0, 0, 0x6d, 0x70, 0x34, 0x32,
        0x69, 0x73, 0x6f, 0x6d,
      ]),
      Buffer.alloc(1_100_000),
    ]);
    const big = await upload(code, proof, 'clip.mp4', mp4);
    expect(big.statusCode).toBe(413);
    expect(await files()).toBe(before);
    // A file token of another report is not accepted.
    const res = await anon('POST', `/api/v1/public/qr/${code}/report`, {
      proof,
      description: '不亮',
      files: ['x.y.z'],
    });
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json().errors)).toContain('files');
  });

  it('caps reports per asset per hour', async () => {
    const { assets } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const { proof } = await confirmPhone(code, '13300000002');
    for (let i = 0; i < 5; i++)
      expect(
        (await anon('POST', `/api/v1/public/qr/${code}/report`, { proof, description: `第 ${i} 次` }))
          .statusCode,
      ).toBe(200);
    expect(
      (await anon('POST', `/api/v1/public/qr/${code}/report`, { proof, description: '又一次' })).statusCode,
    ).toBe(429);
  });
});

describe('tracking and the engineer on site', () => {
  it('shows progress and promised times only, follows dispatch and check-in, and expires at close', async () => {
    const { assets } = await equipment();
    const { code } = await labelOf(assets[0]!.id);
    const { proof } = await confirmPhone(code, '13200000001');
    const report = (
      await anon('POST', `/api/v1/public/qr/${code}/report`, { proof, description: '灯不亮' })
    ).json();
    const token = /\/t\/(\S+)$/.exec(report.trackingUrl)![1]!;
    const track = () => anon('GET', `/api/v1/public/qr/track/${token}`);
    let page = (await track()).json();
    expect(page.ticketNumber).toBe(report.ticketNumber);
    expect(page.steps.filter((s: { done: boolean }) => s.done).map((s: { step: string }) => s.step)).toEqual([
      'accepted',
    ]);
    expect(page.promised.map((p: { metric: string }) => p.metric)).not.toContain('handed_over');
    expect(page.promised.length).toBeGreaterThan(0);

    const ticketId = (
      await t.db.execute<{ id: string }>(sql`select id from tickets where number = ${report.ticketNumber}`)
    ).rows[0]!.id;
    const wo = (
      await manager.request('POST', `/api/v1/tickets/${ticketId}/work-orders`, { kind: 'repair', engineerId })
    ).json();
    let n = 0;
    const stage = (s: string) =>
      engineer.request('POST', `/api/v1/work-orders/${wo.id}/events`, {
        clientEventId: `qr-${++n}-${uid()}`,
        stage: s,
        at: clock.now().toISOString(),
      });
    expect((await stage('accepted')).statusCode).toBe(200);
    expect((await stage('departed')).statusCode).toBe(200);
    expect((await stage('arrived')).statusCode).toBe(200);
    page = (await track()).json();
    expect(page.engineer).toBe('王工');
    expect(page.steps.filter((s: { done: boolean }) => s.done).map((s: { step: string }) => s.step)).toEqual([
      'accepted',
      'assigned',
      'on_the_way',
      'arrived',
    ]);
    // Nothing of the customer, the engineer's full name or the reporter's number.
    const text = JSON.stringify(page);
    for (const secret of ['王建国', '13200000001', '滨江区城管', ticketId, engineerId])
      expect(text).not.toContain(secret);

    // The engineer scans the label on site: kept on the work order as presence.
    const scanned = await engineer.request('POST', `/api/v1/work-orders/${wo.id}/scan`, { code });
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json()).toMatchObject({ assetId: assets[0]!.id, onThisWorkOrder: true });
    const scans = await t.db.execute<{ equipment_scans: { assetId: string }[] }>(
      sql`select equipment_scans from work_orders where id = ${wo.id}`,
    );
    expect(scans.rows[0]!.equipment_scans[0]!.assetId).toBe(assets[0]!.id);
    const detail = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}`)).json();
    expect(detail.equipmentScans).toEqual([{ at: scanned.json().at, onThisWorkOrder: true }]);
    // Scanning the label signed in takes the engineer to his job there; another engineer to the history only;
    // the anonymous scanner gets neither.
    expect((await engineer.request('GET', `/api/v1/public/qr/${code}`)).json().staff).toEqual({
      assetId: assets[0]!.id,
      jobId: wo.id,
    });
    const { session: stranger } = await loginAs(t, { role: 'field_engineer' });
    expect((await stranger.request('GET', `/api/v1/public/qr/${code}`)).json().staff).toEqual({
      assetId: assets[0]!.id,
      jobId: null,
    });
    expect((await anon('GET', `/api/v1/public/qr/${code}`)).json().staff).toBeNull();
    expect((await stranger.request('POST', `/api/v1/work-orders/${wo.id}/scan`, { code })).statusCode).toBe(
      403,
    );
    expect(
      (await engineer.request('POST', `/api/v1/work-orders/${wo.id}/scan`, { code: 'ABCDEFGHJKMNPQRS' }))
        .statusCode,
    ).toBe(422);

    // A tampered link (or one for another ticket) is refused.
    expect((await anon('GET', `/api/v1/public/qr/track/${token.slice(0, -3)}AAA`)).statusCode).toBe(403);

    const tk = (await manager.request('GET', `/api/v1/tickets/${ticketId}`)).json();
    await manager.request('PATCH', `/api/v1/tickets/${ticketId}`, { version: tk.version, status: 'closed' });
    expect((await track()).statusCode).toBe(410);
  });
});
