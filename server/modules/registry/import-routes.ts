// HTTP: Excel import (template, upload → job, progress) and streaming Excel export of lists.

import { z } from 'zod';
import { ZCustomerListQuery, ZId } from '../../../common/api.ts';
import { ZAssetListQuery, ZProductListQuery } from '../../../common/registry-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { badRequest } from '../../platform/errors.ts';
import { readUploadedFile } from '../../platform/uploads.ts';
import { sendXlsx, XLSX_RESPONSE, XLSX_TYPE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { EXPORT_ENTITIES, registryExport } from './export-service.ts';
import { getImport, startImport, writeImportTemplate } from './import-service.ts';
import { importJob } from './jobs.ts';
import { IMPORT_ENTITIES } from './schema.ts';

const tags = ['import-export'];
// One query for the four lists: each reads the filters it knows (the lists' own parameters).
const ZRegistryExportQuery = ZAssetListQuery.omit({ cursor: true, limit: true, status: true })
  .extend({
    lang: ZXlsxLang,
    status: z.string().max(40).optional(),
    type: ZCustomerListQuery.shape.type,
    region: ZCustomerListQuery.shape.region,
    category: ZProductListQuery.shape.category,
    sizeClass: ZProductListQuery.shape.sizeClass,
  })
  .strict();
const ZRowError = z.object({ row: z.int(), column: z.string(), message: z.string() });
const ZImportStatus = z.object({
  id: ZId,
  entity: z.enum(IMPORT_ENTITIES),
  mode: z.enum(['all_or_nothing', 'good_rows']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  fileName: z.string(),
  totalRows: z.int(),
  processedRows: z.int(),
  importedRows: z.int(),
  errorCount: z.int(),
  errors: z.array(ZRowError),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export function registerImportRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/imports/templates/:entity',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags,
        summary: 'Download the import template (.xlsx) with Chinese or English headers',
        params: z.object({ entity: z.enum(IMPORT_ENTITIES) }),
        querystring: z.object({ lang: ZXlsxLang }),
      },
    },
    async (request, reply) => {
      const file = await writeImportTemplate(request.params.entity, request.query.lang);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${request.params.entity}-template.xlsx"`)
        .send(file);
    },
  );

  app.post(
    '/api/v1/imports',
    {
      // Streams an upload and queues the import job (which must find the committed row).
      config: { permission: 'imports.run', idempotency: 'lease' },
      schema: {
        tags,
        summary: 'Upload an .xlsx file to import (multipart: file, entity, mode); runs as a job',
        consumes: ['multipart/form-data'],
        response: { 202: ZImportStatus },
      },
    },
    async (request, reply) => {
      const upload = await readUploadedFile(request, deps.config.uploadMaxBytes);
      const { field } = upload;
      const entity = z.enum(IMPORT_ENTITIES).safeParse(field('entity'));
      if (!entity.success)
        throw badRequest('entity must be one of customers, projects, products, assets', [
          { field: 'entity', message: 'invalid' },
        ]);
      const mode = z.enum(['all_or_nothing', 'good_rows']).safeParse(field('mode') ?? 'all_or_nothing');
      if (!mode.success)
        throw badRequest('mode must be all_or_nothing or good_rows', [{ field: 'mode', message: 'invalid' }]);
      const row = await startImport(deps.ctx(request), deps.blobStore, {
        entity: entity.data,
        mode: mode.data,
        fileName: upload.filename,
        data: upload.data,
      });
      await deps.jobs.send(importJob, { importId: row.id }, row.id);
      return reply.code(202).send((await getImport(deps.ctx(request), row.id)) as never);
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags,
        summary: 'Progress and row errors of an import',
        params: z.object({ id: ZId }),
        response: { 200: ZImportStatus },
      },
    },
    async (request) => getImport(deps.ctx(request), request.params.id),
  );

  app.get(
    '/api/v1/exports/:entity',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary:
          'Export a list to Excel (streamed, every row; the filters of its list: q, customerId, projectId, productId, parentId, status for equipment and projects, type and region for customers, category and sizeClass for products; an unknown parameter is a 400; customer users get their own rows)',
        params: z.object({ entity: z.enum(EXPORT_ENTITIES) }),
        querystring: ZRegistryExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const { lang, ...filters } = request.query;
      const ctx = deps.ctx(request);
      return sendXlsx(
        reply,
        ctx,
        registryExport(ctx, request.params.entity, filters),
        lang,
        deps.config.exportPageRows,
      );
    },
  );
}
