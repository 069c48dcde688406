// HTTP: label codes and label sheets (staff), the label settings (administrators), the public scan
// page with its one-time codes, uploads and report (no login), the reporter's tracking page (signed
// link), and the engineer's scan of a label at the visit.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZAssetLabel,
  ZLabelPdfQuery,
  ZLabelSettings,
  ZOtpProof,
  ZOtpRequest,
  ZOtpSent,
  ZOtpVerifyRequest,
  ZPublicAsset,
  ZQrReportRequest,
  ZQrReportResult,
  ZQrUpload,
  ZTracking,
  ZUpdateLabelSettingsRequest,
  ZWorkOrderScan,
  ZWorkOrderScanRequest,
} from '../../../common/labels-api.ts';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { readUploadedStream } from '../../platform/uploads.ts';
import { scanWorkOrderLabel } from './field-scan.ts';
import { assetLabel, reissueLabel } from './label-service.ts';
import { labelSheet } from './label-sheet.ts';
import { qrLinkConfig } from './link-token.ts';
import * as scan from './scan-service.ts';
import { labelSettingsOf, updateLabelSettings } from './settings.ts';
import { trackReport } from './tracking.ts';

const tags = ['labels'];
// Any text: a code that is not one is simply not found (404), as an unknown one is.
const ZCodeParams = z.object({ code: z.string().min(1).max(64) });

export function registerLabelRoutes(app: Api, deps: RouteDeps) {
  const link = qrLinkConfig(deps.config);
  // The scan page has no login; a signed-in portal user of the equipment's customer acts as itself.
  const publicCtx = (request: FastifyRequest): Ctx =>
    request.principal
      ? deps.ctx(request)
      : {
          ...systemCtx({ db: deps.db, clock: deps.clock, timeZone: deps.config.defaultTimeZone }, 'qr-scan'),
          ip: request.ip,
          requestId: String(request.id),
        };

  app.get(
    '/api/v1/labels/settings',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: "The hotline on labels and the scan page's abuse limits",
        response: { 200: ZLabelSettings },
      },
    },
    async (request) => labelSettingsOf(deps.ctx(request).db),
  );
  app.put(
    '/api/v1/labels/settings',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Change the label settings (audited); needs the current version (0 before the first change)',
        body: ZUpdateLabelSettingsRequest,
        response: { 200: ZLabelSettings },
      },
    },
    async (request) => updateLabelSettings(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/assets/:id/label',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: "The asset's label code and address (issued on first request)",
        params: z.object({ id: ZId }),
        response: { 200: ZAssetLabel },
      },
    },
    async (request) => assetLabel(deps.ctx(request), link, request.params.id),
  );
  app.post(
    '/api/v1/assets/:id/label/reissue',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: 'A new label code for a lost or damaged label; the old code is revoked (audited)',
        params: z.object({ id: ZId }),
        response: { 200: ZAssetLabel },
      },
    },
    async (request) => reissueLabel(deps.ctx(request), link, request.params.id),
  );
  app.get(
    '/api/v1/labels.pdf',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary:
          'Label sheets as a PDF for the listed assets or a whole project: A4 3×8 (70×37 mm), A4 2×5 (105×57 mm) or single 50×30 mm labels',
        querystring: ZLabelPdfQuery,
      },
    },
    async (request, reply) => {
      const doc = await labelSheet(deps.ctx(request), link, request.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="labels.pdf"')
        .send(doc);
    },
  );

  app.get(
    '/api/v1/public/qr/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'The scan page of a label (no login): the equipment, its site, warranty and the hotline; a revoked code or retired equipment says so; 404 for an unknown code',
        params: ZCodeParams,
        response: { 200: ZPublicAsset },
      },
    },
    async (request) => scan.scanPage(publicCtx(request), request.params.code),
  );
  app.post(
    '/api/v1/public/qr/:code/otp',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "Send a one-time code by SMS to confirm the reporter's phone; 429 past the limits per number and per address",
        params: ZCodeParams,
        body: ZOtpRequest,
        response: { 200: ZOtpSent },
      },
    },
    async (request) =>
      scan.sendOtp(publicCtx(request), request.params.code, request.body.phone, request.body.lang),
  );
  app.post(
    '/api/v1/public/qr/:code/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Confirm the one-time code: a proof for the uploads and the report; 400 wrong code, 409 already used, 410 expired',
        params: ZCodeParams,
        body: ZOtpVerifyRequest,
        response: { 200: ZOtpProof },
      },
    },
    async (request) =>
      scan.verifyOtp(publicCtx(request), link, request.params.code, request.body.phone, request.body.otp),
  );
  app.post(
    '/api/v1/public/qr/:code/files',
    {
      config: { public: true, idempotency: 'lease' },
      schema: {
        tags,
        summary:
          'Upload a photo or video for a report (multipart, field "file"; header X-Qr-Proof unless signed in as the customer); 415 for anything else, 413 over the size limit',
        consumes: ['multipart/form-data'],
        params: ZCodeParams,
        response: { 201: ZQrUpload },
      },
    },
    async (request, reply) => {
      const ctx = publicCtx(request);
      const proof = request.headers['x-qr-proof'];
      // The label and the reporter are checked before a byte of the file is read.
      const asset = await scan.uploadTarget(
        ctx,
        link,
        request.params.code,
        typeof proof === 'string' ? proof : undefined,
      );
      const limit = await scan.videoLimit(ctx, deps.config.uploadMaxBytes);
      const upload = await readUploadedStream(request, limit);
      const result = await scan.uploadReportFile(ctx, link, deps.blobStore, asset, upload);
      return reply.code(201).send(result);
    },
  );
  app.post(
    '/api/v1/public/qr/:code/report',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Report a fault: a ticket on the equipment with the channel qr, or a message on its open ticket (outcome joined); the tracking link is sent by SMS',
        params: ZCodeParams,
        body: ZQrReportRequest,
        response: { 200: ZQrReportResult },
      },
    },
    async (request) => scan.reportFault(publicCtx(request), link, request.params.code, request.body),
  );
  app.get(
    '/api/v1/public/qr/track/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "A report's progress by its signed tracking link: steps, the engineer's public name and promised times; 403 altered, 410 after the ticket closed",
        params: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: ZTracking },
      },
    },
    async (request) => trackReport(publicCtx(request), link, request.params.token),
  );

  app.post(
    '/api/v1/work-orders/:id/scan',
    {
      config: { permission: 'workorders.work' },
      schema: {
        tags,
        summary:
          'The engineer scanned a label on site: recorded on the work order beside the check-in as evidence of presence',
        params: z.object({ id: ZId }),
        body: ZWorkOrderScanRequest,
        response: { 200: ZWorkOrderScan },
      },
    },
    async (request) => scanWorkOrderLabel(deps.ctx(request), request.params.id, request.body.code),
  );
}
