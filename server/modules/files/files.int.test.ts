import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type TestApp } from '../../../test/helpers.ts';
import { multipartBody } from '../../../test/uploads.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_MAX_BYTES: String(64 * 1024) } });
});
afterAll(() => t.close());

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

async function upload(
  session: { cookie: string; csrf: string },
  name: string,
  data: Buffer,
  declared?: string,
  extra = {},
) {
  const body = multipartBody(name, data, declared, extra);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

describe('files', () => {
  it('stores an upload with its type sniffed from the bytes and serves it as an attachment', async () => {
    const { session } = await loginAs(t);
    const res = await upload(session, '现场照片 (1).png', PNG, 'text/html');
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta.contentType).toBe('image/png');
    const download = await session.request('GET', `/api/v1/files/${meta.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('现场照片 (1).png');
    expect(disposition.split("UTF-8''")[1]).not.toContain('(');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an HTML file disguised as an image', async () => {
    const { session } = await loginAs(t);
    const res = await upload(
      session,
      'x.png',
      Buffer.from('<html><script>alert(1)</script></html>'),
      'image/png',
    );
    expect(res.statusCode).toBe(415);
    expect(res.json().errors[0].field).toBe('file');
  });

  it('refuses HTML and SVG padded past the first 4 KiB, whatever their name', async () => {
    const { session } = await loginAs(t);
    const pad = Buffer.alloc(5000, ' ');
    for (const [name, markup] of [
      ['page.html', '<html><script>alert(1)</script></html>'],
      ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
      ['notes.txt', '<!DOCTYPE html><body onload=alert(1)>'],
    ] as const) {
      const res = await upload(session, name, Buffer.concat([pad, Buffer.from(markup)]), 'text/plain');
      expect(res.statusCode, name).toBe(415);
    }
  });

  it('never keeps a page extension or a bidi override in a stored name, and serves it as an attachment', async () => {
    const { session } = await loginAs(t);
    const text = await upload(session, 'readme.html', Buffer.from('just words'), 'text/html');
    expect(text.statusCode).toBe(201);
    expect(text.json()).toMatchObject({ name: 'readme.html.txt', contentType: 'text/plain' });
    const image = await upload(session, 'logo.svg', PNG, 'image/svg+xml');
    expect(image.json()).toMatchObject({ name: 'logo.svg.png', contentType: 'image/png' });
    const spoofed = (await upload(session, 'photo\u202Egnp.exe.txt', Buffer.from('x'))).json();
    expect(spoofed.name).toBe('photognp.exe.txt');
    const download = await session.request('GET', `/api/v1/files/${text.json().id}/content`);
    expect(String(download.headers['content-disposition'])).toMatch(
      /^attachment; filename="readme.html.txt"/,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an upload over the size limit with 413', async () => {
    const { session } = await loginAs(t);
    const res = await upload(session, 'big.txt', Buffer.alloc(100 * 1024, 'a'));
    expect(res.statusCode).toBe(413);
  });

  it('leaves nothing in the store when an upload is refused at its end (too large, markup late in it)', async () => {
    const { session } = await loginAs(t);
    const stored = async () =>
      (await fs.readdir(t.blobDir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile())
        .length;
    const before = await stored();
    expect((await upload(session, 'big.txt', Buffer.alloc(100 * 1024, 'a'))).statusCode).toBe(413);
    const late = Buffer.concat([Buffer.alloc(60 * 1024, 'a'), Buffer.from('<script>alert(1)</script>')]);
    expect((await upload(session, 'late.txt', late)).statusCode).toBe(415);
    expect(await stored()).toBe(before);
  });

  it("keeps a customer's files from other customers", async () => {
    const a = await buildCustomer(t.db);
    const b = await buildCustomer(t.db);
    const { session: userA } = await loginAs(t, { customerId: a.id });
    const { session: userB } = await loginAs(t, { customerId: b.id });
    const { session: staff } = await loginAs(t, { role: 'agent' });
    const meta = (await upload(userA, 'a.txt', Buffer.from('plain text from A'))).json();
    expect(meta.customerId).toBe(a.id);
    expect((await userB.request('GET', `/api/v1/files/${meta.id}`)).statusCode).toBe(404);
    expect((await userB.request('GET', `/api/v1/files/${meta.id}/content`)).statusCode).toBe(404);
    expect((await staff.request('GET', `/api/v1/files/${meta.id}/content`)).statusCode).toBe(200);
    // a customer cannot file an upload under another organisation
    const forged = (
      await upload(userA, 'b.txt', Buffer.from('text'), undefined, { customerId: b.id })
    ).json();
    expect(forged.customerId).toBe(a.id);
  });
});
