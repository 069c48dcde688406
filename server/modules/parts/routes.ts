// HTTP: the parts catalogue, stock locations, movements, reservations, reorder rules, replenishment,
// stock-taking. Customers have none of these permissions.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { pageOf, patchOf, ZCursorQuery, ZId, ZVersion } from '../../../common/api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { type CursorKey, decodeCursor } from '../../platform/pagination.ts';
import * as catalog from './catalog.ts';
import * as counts from './counts.ts';
import { IMPORT_HEADERS, importParts } from './import.ts';
import { LOCATION_KINDS, STOCK_CONDITIONS } from './schema.ts';
import * as stock from './stock.ts';

const tags = ['parts'];
const ZIdParams = z.object({ id: ZId });
const qty = z.int().min(1).max(1_000_000);
const fen = z.int().min(0).max(2_000_000_000).nullable();
const ZWorkRef = {
  ticketId: ZId.nullable().optional(),
  workOrderRef: z.string().trim().max(60).nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
};
const ZPartFields = {
  partNumber: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(200),
  specification: z.string().trim().max(500).nullable().optional(),
  unit: z.string().trim().min(1).max(20).default('个'),
  genuine: z.boolean().default(true),
  wearing: z.boolean().default(false),
  costFen: fen.optional(),
  factoryPriceFen: fen.optional(),
  salePriceFen: fen.optional(),
  shelfLifeMonths: z.int().min(1).max(600).nullable().optional(),
  fitsProductIds: z.array(ZId).max(200).default([]),
  photoIds: z.array(ZId).max(20).default([]),
  active: z.boolean().default(true),
};
const ZLocationFields = {
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(LOCATION_KINDS),
  keeperId: ZId.nullable().optional(),
  region: z.string().trim().max(60).nullable().optional(),
  active: z.boolean().default(true),
};
const ZAny = z.any();
const ZMovementResult = z.object({ movements: z.array(ZAny) }).passthrough();

export function registerPartsRoutes(app: Api, deps: RouteDeps) {
  // ---------- catalogue ----------
  app.get(
    '/api/v1/parts',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Parts, with stock totals over the locations the caller may see',
        querystring: ZCursorQuery.extend({ q: z.string().trim().max(100).optional() }),
        response: { 200: pageOf(ZAny) },
      },
    },
    async (request) =>
      catalog.listParts(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );
  app.post(
    '/api/v1/parts',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Add a part to the catalogue',
        body: z.strictObject(ZPartFields),
        response: { 201: ZAny },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await catalog.createPart(deps.ctx(request), request.body as catalog.PartInput)),
  );
  app.get(
    '/api/v1/parts/export',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'The catalogue as an Excel workbook (the import format)',
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const zh = request.query.lang !== 'en';
      const out = new PassThrough();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
      const ws = wb.addWorksheet(zh ? '备件' : 'Parts');
      ws.addRow(IMPORT_HEADERS.map((h) => (zh ? h.zh : h.en))).commit();
      void (async () => {
        let after: CursorKey | null = null;
        for (;;) {
          const page = await catalog.listParts(ctx, { limit: 200 }, after);
          for (const p of page.items)
            ws.addRow([
              p.partNumber,
              p.name,
              p.specification,
              p.unit,
              p.genuine ? 'Y' : 'N',
              p.wearing ? 'Y' : 'N',
              p.costFen === null ? null : p.costFen / 100,
              p.factoryPriceFen === null ? null : p.factoryPriceFen / 100,
              p.salePriceFen === null ? null : p.salePriceFen / 100,
              p.shelfLifeMonths,
              p.stock.onHand,
            ]).commit();
          const last = page.items.at(-1);
          if (!page.nextCursor || !last) break;
          after = { v: last.partNumber, id: last.id };
        }
        ws.commit();
        await wb.commit();
      })().catch((err) => out.destroy(err));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="parts.xlsx"')
        .send(out);
    },
  );
  app.post(
    '/api/v1/parts/import',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Import (create or update by part number) from an uploaded workbook; all rows or none',
        body: z.strictObject({ fileId: ZId }),
        response: { 200: z.object({ created: z.int(), updated: z.int() }) },
      },
    },
    async (request) => importParts(deps.ctx(request), deps.blobStore, request.body.fileId),
  );
  app.get(
    '/api/v1/parts/:id',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'A part with its stock by location and batch, and reorder rules',
        params: ZIdParams,
        response: { 200: ZAny },
      },
    },
    async (request) => catalog.getPart(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/parts/:id',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Change a part; needs the current version',
        params: ZIdParams,
        body: patchOf(ZPartFields),
        response: { 200: ZAny },
      },
    },
    async (request) =>
      catalog.updatePart(
        deps.ctx(request),
        request.params.id,
        request.body as Partial<catalog.PartInput> & { version: number },
      ),
  );
  app.get(
    '/api/v1/parts/:id/movements',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: "The part's ledger, newest first (locations the caller may see)",
        params: ZIdParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.coerce.number().int().min(1).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZAny), nextBefore: z.int().nullable() }) },
      },
    },
    async (request) => catalog.partMovements(deps.ctx(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/parts/:id/availability',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Where the part is available (quantities only), the caller’s own van first',
        params: ZIdParams,
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => catalog.availability(deps.ctx(request), request.params.id),
  );

  // ---------- locations ----------
  app.get(
    '/api/v1/stock/locations',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'Warehouses and vans', response: { 200: z.array(ZAny) } },
    },
    async (request) => catalog.listLocations(deps.ctx(request)),
  );
  app.post(
    '/api/v1/stock/locations',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Add a warehouse or a van',
        body: z.strictObject(ZLocationFields),
        response: { 201: ZAny },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await catalog.createLocation(deps.ctx(request), request.body as catalog.LocationInput)),
  );
  app.patch(
    '/api/v1/stock/locations/:id',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Change a location; needs the current version',
        params: ZIdParams,
        body: patchOf(ZLocationFields),
        response: { 200: ZAny },
      },
    },
    async (request) =>
      catalog.updateLocation(
        deps.ctx(request),
        request.params.id,
        request.body as Partial<catalog.LocationInput> & { version: number },
      ),
  );
  app.get(
    '/api/v1/stock/locations/:id/stock',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Stock held at a location',
        params: ZIdParams,
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => catalog.locationStock(deps.ctx(request), request.params.id),
  );

  // ---------- movements ----------
  const move = <B extends z.ZodType>(
    url: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<RouteDeps['ctx']>, body: z.infer<B>, params: { id?: string }) => Promise<unknown>,
  ) =>
    app.post(
      url,
      {
        config: { permission: 'stock.move' },
        schema: {
          tags,
          summary,
          ...(url.includes(':id') ? { params: ZIdParams } : {}),
          body,
          response: { 200: ZMovementResult.or(ZAny) },
        },
      },
      async (request) =>
        run(deps.ctx(request), request.body as z.infer<B>, request.params as { id?: string }),
    );
  move(
    '/api/v1/stock/receipts',
    'Receive parts from a supplier into a location, as a batch',
    z.strictObject({
      partId: ZId,
      locationId: ZId,
      quantity: qty,
      batchCode: z.string().trim().min(1).max(40).optional(),
      receivedOn: z.iso.date().optional(),
      ...ZWorkRef,
    }),
    (ctx, b) => stock.receive(ctx, b),
  );
  move(
    '/api/v1/stock/transfers',
    'Move good stock between locations (warehouse → van, van → warehouse), oldest batches first',
    z.strictObject({ partId: ZId, fromLocationId: ZId, toLocationId: ZId, quantity: qty, ...ZWorkRef }),
    (ctx, b) => stock.transfer(ctx, b),
  );
  move(
    '/api/v1/stock/reservations',
    'Reserve parts for a ticket or work order (emergency: from the nearest location that has them)',
    z.strictObject({
      partId: ZId,
      locationId: ZId,
      quantity: qty,
      emergency: z.boolean().default(false),
      ...ZWorkRef,
    }),
    (ctx, b) => stock.reserve(ctx, b),
  );
  app.get(
    '/api/v1/stock/reservations',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Open reservations of a ticket',
        querystring: z.object({ ticketId: ZId }),
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => stock.reservationsOf(deps.ctx(request), request.query.ticketId),
  );
  move(
    '/api/v1/stock/reservations/:id/release',
    'Give back what a reservation holds (all, or a quantity)',
    z.strictObject({ quantity: qty.optional(), reason: ZWorkRef.reason }),
    (ctx, b, p) => stock.release(ctx, p.id!, b),
  );
  move(
    '/api/v1/stock/reservations/:id/issue',
    'Consume reserved parts on the work',
    z.strictObject({ quantity: qty.optional(), ...ZWorkRef }),
    (ctx, b, p) => stock.issueReserved(ctx, p.id!, b),
  );
  move(
    '/api/v1/stock/issues',
    'Consume parts without a reservation, oldest batches first',
    z.strictObject({ partId: ZId, locationId: ZId, quantity: qty, ...ZWorkRef }),
    (ctx, b) => stock.issue(ctx, b),
  );
  move(
    '/api/v1/stock/returns',
    'Return unused parts into good stock',
    z.strictObject({ partId: ZId, locationId: ZId, quantity: qty, batchId: ZId.optional(), ...ZWorkRef }),
    (ctx, b) => stock.returnUnused(ctx, b),
  );
  move(
    '/api/v1/stock/defective-returns',
    'Bring back a replaced part as defective stock (kept apart from good stock)',
    z.strictObject({
      partId: ZId,
      locationId: ZId,
      quantity: qty,
      serial: z.string().trim().max(80).nullable().optional(),
      ...ZWorkRef,
    }),
    (ctx, b) => stock.returnDefective(ctx, b),
  );
  move(
    '/api/v1/stock/scraps',
    'Scrap stock (a reason is required)',
    z.strictObject({
      partId: ZId,
      locationId: ZId,
      batchId: ZId,
      condition: z.enum(STOCK_CONDITIONS),
      quantity: qty,
      ...ZWorkRef,
    }),
    (ctx, b) => stock.scrap(ctx, b),
  );

  // ---------- reorder and replenishment ----------
  app.put(
    '/api/v1/stock/reorder-rules',
    {
      config: { permission: 'stock.move_any' },
      schema: {
        tags,
        summary: 'Set the reorder point and quantity of a part at a location',
        body: z.strictObject({
          partId: ZId,
          locationId: ZId,
          reorderPoint: z.int().min(0).max(1_000_000),
          reorderQuantity: qty,
        }),
        response: { 200: ZAny },
      },
    },
    async (request) => catalog.setReorderRule(deps.ctx(request), request.body),
  );
  app.delete(
    '/api/v1/stock/reorder-rules',
    {
      config: { permission: 'stock.move_any' },
      schema: {
        tags,
        summary: 'Remove a reorder rule',
        querystring: z.object({ partId: ZId, locationId: ZId }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await catalog.deleteReorderRule(deps.ctx(request), request.query.partId, request.query.locationId);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/stock/replenishment',
    {
      config: { permission: 'stock.read_all' },
      schema: {
        tags,
        summary: 'The replenishment list: open suggestions by location',
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => catalog.replenishmentList(deps.ctx(request)),
  );
  app.get(
    '/api/v1/stock/replenishment/export',
    {
      config: { permission: 'stock.read_all' },
      schema: {
        tags,
        summary: 'The replenishment list as an Excel workbook',
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
      },
    },
    async (request, reply) => {
      const zh = request.query.lang !== 'en';
      const rows = await catalog.replenishmentList(deps.ctx(request));
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(zh ? '补货清单' : 'Replenishment');
      ws.addRow(
        zh
          ? ['库位', '备件编号', '名称', '规格', '单位', '可用', '再订货点', '建议数量', '单价（元）']
          : [
              'Location',
              'Part number',
              'Name',
              'Specification',
              'Unit',
              'Available',
              'Reorder point',
              'Suggested',
              'Unit cost (CNY)',
            ],
      );
      for (const r of rows)
        ws.addRow([
          r.locationName,
          r.partNumber,
          r.partName,
          r.specification,
          r.unit,
          r.available,
          r.reorderPoint,
          r.suggestedQuantity,
          r.costFen === null ? null : r.costFen / 100,
        ]);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="replenishment.xlsx"')
        .send(buffer);
    },
  );

  // ---------- stock-taking ----------
  app.get(
    '/api/v1/stock/counts',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Counts of a location, newest first',
        querystring: z.object({ locationId: ZId }),
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => counts.listCounts(deps.ctx(request), request.query.locationId),
  );
  app.post(
    '/api/v1/stock/counts',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Open a count of a location (snapshot of the expected quantities)',
        body: z.strictObject({ locationId: ZId }),
        response: { 201: ZAny },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await counts.openCount(deps.ctx(request), request.body.locationId)),
  );
  app.get(
    '/api/v1/stock/counts/:id',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'A count with its lines and variance report',
        params: ZIdParams,
        response: { 200: ZAny },
      },
    },
    async (request) => counts.getCount(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/stock/counts/:id/lines',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Enter counted quantities (a part not expected gets a line of its own)',
        params: ZIdParams,
        body: z.strictObject({
          lines: z
            .array(
              z.strictObject({
                partId: ZId,
                batchId: ZId.optional(),
                condition: z.enum(STOCK_CONDITIONS).optional(),
                counted: z.int().min(0).max(1_000_000),
              }),
            )
            .min(1)
            .max(1000),
        }),
        response: { 200: ZAny },
      },
    },
    async (request) => counts.enterCounts(deps.ctx(request), request.params.id, request.body),
  );
  for (const [action, permission, summary, run] of [
    ['submit', 'stock.move', 'Submit a finished count for approval', counts.submitCount],
    [
      'approve',
      'stock.approve',
      'Approve a count: its variances are posted as adjustments',
      counts.approveCount,
    ],
    ['cancel', 'stock.move', 'Cancel a count', counts.cancelCount],
  ] as const) {
    app.post(
      `/api/v1/stock/counts/:id/${action}`,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: ZIdParams,
          body: z.strictObject({ version: ZVersion }),
          response: { 200: ZAny },
        },
      },
      async (request) => run(deps.ctx(request), request.params.id, request.body.version),
    );
  }
}
