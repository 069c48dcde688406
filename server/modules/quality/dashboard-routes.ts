// HTTP: the quality engineer's dashboard and the records behind each figure (quality.read: quality
// engineers, managers, admins; customers never).
import { z } from 'zod';
import {
  QUALITY_DASHBOARD_TABLES,
  ZQualityDashboard,
  ZQualityDashboardQuery,
  ZQualityRecordList,
  ZQualityRecordsQuery,
} from '../../../common/quality-dashboard-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { qualityDashboard, qualityDashboardRecords } from './dashboard.ts';
import { qualityDashboardExport } from './dashboard-exports.ts';

const tags = ['quality'];

export function registerQualityDashboardRoutes(app: Api, deps: RouteDeps) {
  const reads = () => deps.reportsDb ?? deps.db;
  app.get(
    '/api/v1/quality/dashboard',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary:
          'Open alerts by level, cases by state and age, top recurring problems, improvement requests and training needs raised and closed',
        querystring: ZQualityDashboardQuery,
        response: { 200: ZQualityDashboard },
      },
    },
    async (request) => qualityDashboard(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/quality/dashboard/records',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'The alerts, cases, improvement requests or training needs behind a figure',
        querystring: ZQualityRecordsQuery,
        response: { 200: ZQualityRecordList },
      },
    },
    async (request) => qualityDashboardRecords(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/quality/dashboard/export',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: "One table of the quality engineer's dashboard as an Excel workbook",
        querystring: ZQualityDashboardQuery.and(
          z.object({ table: z.enum(QUALITY_DASHBOARD_TABLES), lang: ZXlsxLang }),
        ),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { table, lang, ...query } = request.query;
      return sendXlsx(reply, ctx, qualityDashboardExport(ctx, reads(), query, table), lang);
    },
  );
}
