// HTTP: upload (multipart) and download of stored files.

import { z } from 'zod';
import { ZFileMeta, ZId } from '../../../common/api.ts';
import { attachmentDisposition } from '../../platform/blob-store.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { badRequest } from '../../platform/errors.ts';
import { readUploadedStream } from '../../platform/uploads.ts';
import { findFile, storeFile, toFileMeta } from './service.ts';

const tags = ['files'];

export function registerFileRoutes(app: Api, deps: RouteDeps) {
  app.post(
    '/api/v1/files',
    {
      // The upload streams in the handler: no transaction held open across it.
      config: { permission: 'files.upload', idempotency: 'lease' },
      schema: {
        tags,
        summary: 'Upload a file (multipart/form-data, field "file")',
        consumes: ['multipart/form-data'],
        response: { 201: ZFileMeta },
      },
    },
    async (request, reply) => {
      const upload = await readUploadedStream(request, deps.config.uploadMaxBytes);
      const customerField = upload.field('customerId');
      const customerId = customerField ? ZId.safeParse(customerField) : null;
      if (customerId && !customerId.success)
        throw badRequest('customerId is not an id', [{ field: 'customerId', message: 'invalid' }]);
      const meta = await storeFile(deps.ctx(request), deps.blobStore, {
        name: upload.filename,
        data: upload.stream,
        customerId: customerId?.data ?? null,
      });
      return reply.code(201).send(meta);
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      config: { permission: 'files.read' },
      schema: { tags, summary: 'File metadata', params: z.object({ id: ZId }), response: { 200: ZFileMeta } },
    },
    async (request) => toFileMeta(await findFile(deps.ctx(request), request.params.id)),
  );

  app.get(
    '/api/v1/files/:id/content',
    {
      config: { permission: 'files.read' },
      schema: { tags, summary: 'Download a file (always as an attachment)', params: z.object({ id: ZId }) },
    },
    async (request, reply) => {
      const row = await findFile(deps.ctx(request), request.params.id);
      const stream = await deps.blobStore.get(row.storageKey);
      return reply
        .header('content-type', row.contentType)
        .header('content-disposition', attachmentDisposition(row.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    },
  );
}
