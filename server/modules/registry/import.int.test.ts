import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';
import { importJob } from './jobs.ts';

let t: TestApp;
let manager: Session;

beforeAll(async () => {
  t = await createTestApp({ jobs: [importJob] });
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function workbook(headers: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('data');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file: Buffer) {
  const boundary = '----import-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function runImport(entity: string, mode: string, file: Buffer) {
  const body = multipart({ entity, mode }, file);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id;
  for (let i = 0; i < 150; i++) {
    const status = (await manager.request('GET', `/api/v1/imports/${id}`)).json();
    if (status.status === 'succeeded' || status.status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('import did not finish');
}

async function setup() {
  const c = await buildCustomer(t.db);
  const code = `P-${uid()}`;
  await manager.request('POST', '/api/v1/projects', { customerId: c.id, code, name: '导入测试项目' });
  const model = `M-${uid()}`;
  await manager.request('POST', '/api/v1/products', {
    model,
    name: '太阳能路灯杆',
    category: 'lighting',
    sizeClass: 'medium',
  });
  const part = `M-${uid()}`;
  await manager.request('POST', '/api/v1/products', {
    model: part,
    name: 'LED灯头',
    category: 'lighting',
    sizeClass: 'small',
  });
  return { customer: c, project: code, model, part };
}

describe('Excel import', () => {
  it('offers templates with Chinese or English headers', async () => {
    for (const [lang, first] of [
      ['zh-CN', '项目编码'],
      ['en', 'Project code'],
    ]) {
      const res = await manager.request('GET', `/api/v1/imports/templates/assets?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe(first);
    }
  });

  it('reports every bad row (row, column, message) and writes nothing by default', async () => {
    const s = await setup();
    const file = await workbook(
      ['项目编码', '产品型号', '序列号', '所属整机序列号', '验收日期'],
      [
        [s.project, s.model, 'A-001', null, '2026-05-01'],
        [s.project, s.part, 'A-001-H', 'A-001', '2026-05-01'],
        ['NO-SUCH', s.model, 'A-002', null, null],
        [s.project, s.model, 'A-003', null, '2026-02-30'],
        [s.project, s.model, null, null, null],
        [s.project, s.model, 'A-001', null, null],
      ],
    );
    const status = await runImport('assets', 'all_or_nothing', file);
    expect(status.status).toBe('failed');
    expect(status.importedRows).toBe(0);
    expect(status.errors).toEqual([
      { row: 4, column: '项目编码', message: 'no project with this code' },
      { row: 5, column: '验收日期', message: 'not a date (YYYY-MM-DD)' },
      { row: 6, column: '序列号', message: 'required' },
      { row: 7, column: '项目编码', message: 'duplicate of an earlier row' },
    ]);
    const count = await t.pool.query('select count(*)::int as n from assets where serial like $1', ['A-00%']);
    expect(count.rows[0].n).toBe(0);
  });

  it('imports the good rows when asked, with components under their units', async () => {
    const s = await setup();
    const file = await workbook(
      ['Project code', 'Product model', 'Serial', 'Parent serial', 'Location'],
      [
        [s.project, s.model, 'B-001', null, '东门'],
        [s.project, s.part, 'B-001-H', 'B-001', null],
        [s.project, s.part, 'B-002-H', 'B-404', null],
      ],
    );
    const status = await runImport('assets', 'good_rows', file);
    expect(status.status).toBe('succeeded');
    expect(status.importedRows).toBe(2);
    expect(status.errors).toHaveLength(1);
    expect(status.errors[0].row).toBe(4);
    const unit = (await manager.request('GET', '/api/v1/assets?q=B-001'))
      .json()
      .items.find((a: { serial: string }) => a.serial === 'B-001');
    const children = (await manager.request('GET', `/api/v1/assets?parentId=${unit.id}`)).json();
    expect(children.items.map((a: { serial: string }) => a.serial)).toEqual(['B-001-H']);
    const archive = (await manager.request('GET', `/api/v1/assets/${unit.id}/archive`)).json();
    expect(archive.items[0].kind).toBe('registry.asset-registered');
  });

  it('finds a unit imported in an earlier chunk of the file for a component further down', async () => {
    const s = await setup();
    const units = Array.from({ length: 1000 }, (_, i) => [s.project, s.model, `C-${i}`, null]);
    const file = await workbook(
      ['Project code', 'Product model', 'Serial', 'Parent serial'],
      [...units, [s.project, s.part, 'C-0-H', 'C-0']],
    );
    const status = await runImport('assets', 'all_or_nothing', file);
    expect(status).toMatchObject({ status: 'succeeded', importedRows: 1001, errorCount: 0 });
    const unit = (await manager.request('GET', '/api/v1/assets?q=C-0'))
      .json()
      .items.find((a: { serial: string }) => a.serial === 'C-0');
    const children = (await manager.request('GET', `/api/v1/assets?parentId=${unit.id}`)).json();
    expect(children.items.map((a: { serial: string }) => a.serial)).toEqual(['C-0-H']);
  });

  it('refuses equipment whose product already has that serial, and keeps the other rows', async () => {
    const s = await setup();
    const first = await workbook(
      ['Project code', 'Product model', 'Serial'],
      [
        [s.project, s.model, 'D-001'],
        [s.project, s.part, 'D-002'],
      ],
    );
    expect(await runImport('assets', 'all_or_nothing', first)).toMatchObject({ importedRows: 2 });
    // D-001 of the same product exists; D-002 exists for the other product only
    const second = await workbook(
      ['Project code', 'Product model', 'Serial'],
      [
        [s.project, s.model, 'D-001'],
        [s.project, s.model, 'D-002'],
      ],
    );
    const status = await runImport('assets', 'good_rows', second);
    expect(status).toMatchObject({ status: 'succeeded', importedRows: 1 });
    expect(status.errors).toEqual([
      { row: 2, column: '序列号', message: 'this product already has equipment with this serial' },
    ]);
  });

  it('imports customers and refuses codes that exist', async () => {
    const existing = await buildCustomer(t.db);
    const code = `IMP-${uid()}`;
    const file = await workbook(
      ['客户编码', '客户名称', '联系电话'],
      [
        [code, '导入客户', '021-1234'],
        [existing.code, '重复客户', null],
      ],
    );
    const status = await runImport('customers', 'good_rows', file);
    expect(status.importedRows).toBe(1);
    expect(status.errors[0]).toMatchObject({ row: 3, message: 'a customer with this code exists' });
  });

  it('skips the example row of an unchanged template, and imports it once changed', async () => {
    for (const entity of ['customers', 'assets']) {
      const template = (await manager.request('GET', `/api/v1/imports/templates/${entity}`)).rawPayload;
      const status = await runImport(entity, 'all_or_nothing', template);
      expect(status).toMatchObject({ status: 'succeeded', importedRows: 0, errorCount: 0 });
    }
    expect((await manager.request('GET', '/api/v1/customers?q=NB-PORT')).json().items).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await manager.request('GET', '/api/v1/imports/templates/customers'))
        .rawPayload as unknown as ArrayBuffer,
    );
    const code = `EX-${uid()}`;
    wb.worksheets[0]!.getRow(2).getCell(1).value = code;
    const changed = await runImport('customers', 'all_or_nothing', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(changed).toMatchObject({ status: 'succeeded', importedRows: 1 });
  });

  it('refuses a file that is not a workbook, and a missing required column', async () => {
    const body = multipart({ entity: 'assets' }, Buffer.from('serial,project\n1,2'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    const status = await runImport('assets', 'good_rows', await workbook(['序列号'], [['X']]));
    expect(status.status).toBe('failed');
    expect(status.errors.map((e: { column: string }) => e.column)).toEqual(['项目编码', '产品型号']);
  });
});

describe('Excel export', () => {
  it('streams a list with its filters, and a customer user gets only its own rows', async () => {
    const s = await setup();
    await runImport(
      'assets',
      'good_rows',
      await workbook(['项目编码', '产品型号', '序列号'], [[s.project, s.model, 'EXP-1']]),
    );
    const other = await setup();
    await runImport(
      'assets',
      'good_rows',
      await workbook(['项目编码', '产品型号', '序列号'], [[other.project, other.model, 'EXP-2']]),
    );
    const read = async (session: Session, url: string) => {
      const res = await session.request('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[] = [];
      wb.worksheets[0]!.eachRow((row, n) => {
        if (n > 1) rows.push(String(row.getCell(1).value));
      });
      return { header: String(wb.worksheets[0]!.getRow(1).getCell(1).value), rows };
    };
    const all = await read(manager, '/api/v1/exports/assets?q=EXP-&lang=en');
    expect(all.header).toBe('Serial');
    expect(all.rows.sort()).toEqual(['EXP-1', 'EXP-2']);
    const { session: customer } = await loginAs(t, { customerId: s.customer.id });
    const own = await read(customer, '/api/v1/exports/assets?q=EXP-');
    expect(own.header).toBe('序列号');
    expect(own.rows).toEqual(['EXP-1']);
    expect((await customer.request('GET', '/api/v1/imports/templates/assets')).statusCode).toBe(403);
  });
});
