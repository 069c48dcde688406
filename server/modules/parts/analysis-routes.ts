// HTTP: the storekeeper's dashboard (figures, the records behind them, each table as Excel). Cost
// prices are the catalogue managers' (parts.manage): storekeepers, managers, admins; customers never.
import { z } from 'zod';
import {
  PARTS_ANALYSIS_TABLES,
  ZConsumptionRecordPage,
  ZPartsAnalysis,
  ZPartsAnalysisQuery,
  ZPartsAnalysisRecordsQuery,
} from '../../../common/parts-analysis-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { partsAnalysis, partsAnalysisRecords } from './analysis.ts';
import { partsAnalysisExport } from './analysis-exports.ts';

const tags = ['parts'];

export function registerPartsAnalysisRoutes(app: Api, deps: RouteDeps) {
  const reads = () => deps.reportsDb ?? deps.db;
  app.get(
    '/api/v1/parts/analysis',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary:
          'Parts consumed and their cost per period, part, project and product; warranty cost vs charged; stock turns per location and part; open reorder alerts',
        querystring: ZPartsAnalysisQuery,
        response: { 200: ZPartsAnalysis },
      },
    },
    async (request) => partsAnalysis(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/parts/analysis/records',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'The issues and unused returns behind a consumption figure (drill-down)',
        querystring: ZPartsAnalysisRecordsQuery,
        response: { 200: ZConsumptionRecordPage },
      },
    },
    async (request) => partsAnalysisRecords(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/parts/analysis/export',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: "One table of the storekeeper's dashboard as an Excel workbook",
        querystring: ZPartsAnalysisQuery.and(
          z.object({ table: z.enum(PARTS_ANALYSIS_TABLES), lang: ZXlsxLang }),
        ),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { table, lang, ...query } = request.query;
      return sendXlsx(reply, ctx, partsAnalysisExport(ctx, reads(), query, table), lang);
    },
  );
}
