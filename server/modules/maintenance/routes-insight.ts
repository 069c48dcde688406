// HTTP: maintenance compliance (report and Excel), the overdue sweep on demand, plan tuning proposals
// and their decisions, and plans made from a maintenance contract.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import { ZPlan } from '../../../common/maintenance-api.ts';
import {
  complianceQueryFields,
  rangeInOrder,
  type TUNING_STATUSES,
  ZComplianceQuery,
  ZComplianceReport,
  ZOverdueSweepResult,
  ZPlanFromContractRequest,
  ZTuningAnalysis,
  ZTuningDecision,
  ZTuningListQuery,
  ZTuningProposal,
} from '../../../common/maintenance-tuning-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { complianceReport, sweepOverdue } from './compliance.ts';
import { complianceExport } from './compliance-export.ts';
import { createPlanFromContract } from './contract-plans.ts';
import { analyseTuning, decideProposal, listProposals } from './tuning.ts';

const tags = ['maintenance'];
const ZComplianceExportQuery = z
  .strictObject({ ...complianceQueryFields, lang: ZXlsxLang })
  .superRefine(rangeInOrder);

export function registerMaintenanceInsightRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/maintenance/compliance',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary:
          'Maintenance compliance: visits due, done on time, late, missed and open, per customer, project, engineer or month',
        querystring: ZComplianceQuery,
        response: { 200: ZComplianceReport },
      },
    },
    async (request) => complianceReport(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/maintenance/compliance/export',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'The compliance report as an Excel workbook (the same filters and grouping)',
        querystring: ZComplianceExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { lang, ...query } = request.query;
      return sendXlsx(reply, ctx, complianceExport(ctx, query), lang, deps.config.exportPageRows);
    },
  );
  app.post(
    '/api/v1/maintenance/overdue/sweep',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          'Fire the overdue warnings and escalations now (the job does it every 15 minutes); each once per visit and level',
        response: { 200: ZOverdueSweepResult },
      },
    },
    async (request) => sweepOverdue(deps.ctx(request)),
  );

  app.get(
    '/api/v1/maintenance/tuning',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary:
          'Plan tuning proposals (shorter or longer intervals per template and product) with their evidence',
        querystring: ZTuningListQuery,
        response: { 200: z.array(ZTuningProposal) },
      },
    },
    async (request) =>
      listProposals(deps.ctx(request), request.query.status as (typeof TUNING_STATUSES)[number] | undefined),
  );
  app.post(
    '/api/v1/maintenance/tuning/analyse',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          'Compare failures between visits (MTBF from the repair history) with recent visit findings; open proposals',
        response: { 200: ZTuningAnalysis },
      },
    },
    async (request) => analyseTuning(deps.ctx(request)),
  );
  app.post(
    '/api/v1/maintenance/tuning/:id/decision',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          "Accept (the template's interval becomes the proposed one) or reject a proposal; kept with its evidence, audited",
        params: z.object({ id: ZId }),
        body: ZTuningDecision,
        response: { 200: ZTuningProposal },
      },
    },
    async (request) => decideProposal(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/maintenance/plans/from-contract',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          "Create a plan from a long-term maintenance contract: its project's equipment, its dates, the owner's own cycle",
        body: ZPlanFromContractRequest,
        response: { 201: ZPlan },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPlanFromContract(deps.ctx(request), request.body)),
  );
}
