// The console's ticket list page with its first rows in the HTML (first-page.ts): only for staff who may
// list tickets, exactly the rows the API gives them for the address's filters, customers' words escaped.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../test/helpers.ts';
import { WEB_DIST } from '../app.ts';
import { ManualClock } from '../platform/clock.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const XSS = '<img src=x onerror=alert(1)>';
let t: TestApp;
let agent: Session;
let engineer: Session;
let customerUser: Session;
const made: Record<string, { id: string; number: string }> = {};

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'console.html'))) throw new Error('run `npm run build:web` first');
  t = await createTestApp({ clock: new ManualClock(T0) });
  agent = (await loginAs(t, { role: 'agent' })).session;
  engineer = (await loginAs(t, { role: 'field_engineer' })).session;
  const customer = await buildCustomer(t.db);
  customerUser = (await loginAs(t, { customerId: customer.id })).session;
  for (const [key, kind, subject] of [
    ['xss', 'fault_report', XSS],
    ['complaint', 'complaint', '投诉：维修超时'],
    ['question', 'consultation', '咨询：控制器设置'],
  ] as const) {
    const r = await agent.request('POST', '/api/v1/tickets', {
      kind,
      customerId: customer.id,
      subject,
      description: '首屏',
    });
    expect(r.statusCode, r.body).toBe(201);
    made[key] = r.json();
  }
});
afterAll(() => t?.close());

const page = (session: Session | null, url = '/console/tickets', headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...(session ? { cookie: session.cookie } : {}), ...headers },
  });

const rowKeys = (html: string) => [...html.matchAll(/<tr [^>]*data-row-key="([^"]+)"/g)].map((m) => m[1]);
const embedded = (html: string) => {
  const json = /<script type="application\/json" id="first-page">(.*?)<\/script>/s.exec(html)?.[1];
  return json ? JSON.parse(json) : null;
};
/** The plain page: the built console.html, nothing of anyone's data in it. */
const expectPlain = (res: Awaited<ReturnType<typeof page>>) => {
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('<div id="root"></div>');
  expect(rowKeys(res.body)).toEqual([]);
  expect(res.body).not.toContain('id="first-page"');
};

describe("the ticket list's first page in the HTML", () => {
  it("gives an agent the rows of the default queue, the API's own page as data, customers' words escaped", async () => {
    const res = await page(agent);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const api = (await agent.request('GET', '/api/v1/tickets?queue=unassigned&limit=50')).json();
    expect(rowKeys(res.body)).toEqual(api.items.map((i: { id: string }) => i.id));
    expect(rowKeys(res.body)).toContain(made.xss!.id);
    // the same page the list would fetch, under the same filters (the app seeds its query with it)
    expect(embedded(res.body)).toEqual({ filters: { queue: 'unassigned' }, page: api });
    // the subject shows as text, in the markup and in the data
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).not.toContain(XSS);
    // the number links to the ticket; dates in the organisation's zone, Chinese by default
    expect(res.body).toContain(
      `<a class="ticket-number" href="/console/tickets/${made.xss!.id}">${made.xss!.number}</a>`,
    );
    expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
    expect(res.body).toContain('2026/11/24 10:00');
    expect(res.body).toContain('<th class="ant-table-cell" scope="col">标题</th>');
    expect(res.body).toContain('<html lang="zh-CN">');
  });

  it('sends the page compressed when the browser accepts it', async () => {
    const res = await page(agent, '/console/tickets', {
      cookie: agent.cookie,
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toContain('cookie');
    const html = zlib.brotliDecompressSync(res.rawPayload).toString('utf8');
    expect(rowKeys(html)).toContain(made.xss!.id);
  });

  it('applies the queue and kind of the address', async () => {
    const res = await page(agent, '/console/tickets?queue=all&kind=complaint');
    expect(rowKeys(res.body)).toContain(made.complaint!.id);
    expect(rowKeys(res.body)).not.toContain(made.question!.id);
    expect(rowKeys(res.body)).not.toContain(made.xss!.id);
    expect(embedded(res.body).filters).toEqual({ queue: 'all', kind: 'complaint' });
    expect(res.body).toMatch(
      /class="queue-tab queue-tab-active" href="\/console\/tickets\?queue=all&amp;kind=complaint"/,
    );
  });

  it('writes the page in English when that is the language chosen in the app', async () => {
    const res = await page(agent, '/console/tickets', { cookie: `${agent.cookie}; aftercare.language=en` });
    expect(rowKeys(res.body)).toContain(made.xss!.id);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<th class="ant-table-cell" scope="col">Subject</th>');
    expect(res.body).toContain('11/24/2026, 10:00 AM');
  });

  it('gives a field engineer only the tickets he may see', async () => {
    const res = await page(engineer, '/console/tickets?queue=all');
    const api = (await engineer.request('GET', '/api/v1/tickets?queue=all&limit=50')).json();
    expect(rowKeys(res.body)).toEqual(api.items.map((i: { id: string }) => i.id));
    expect(rowKeys(res.body)).not.toContain(made.xss!.id);
  });

  it('sends the plain page without a session, to a customer user, and for other console addresses', async () => {
    expectPlain(await page(null));
    expectPlain(await page(customerUser));
    expectPlain(await page(agent, '/console'));
    expectPlain(await page(agent, `/console/tickets/${made.xss!.id}`));
  });

  it('sends the plain page for a query it cannot read', async () => {
    for (const query of [
      'queue=nope',
      'kind=complaint&kind=consultation',
      'sort=number',
      'limit=5',
      'status=',
    ]) {
      expectPlain(await page(agent, `/console/tickets?${query}`));
    }
  });
});
