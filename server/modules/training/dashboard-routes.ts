// HTTP: the trainer's dashboard (training.manage: trainers, managers, admins; customers never).
import { z } from 'zod';
import {
  TRAINING_DASHBOARD_TABLES,
  ZTrainingDashboard,
  ZTrainingDashboardQuery,
} from '../../../common/training-dashboard-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { trainingDashboard } from './dashboard.ts';
import { trainingDashboardExport } from './dashboard-exports.ts';

export function registerTrainingDashboardRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/training/dashboard',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags: ['training'],
        summary:
          'Sessions in the period, attendance, pass rate and retakes, evaluation scores per month, course and trainer; the sessions behind them',
        querystring: ZTrainingDashboardQuery,
        response: { 200: ZTrainingDashboard },
      },
    },
    async (request) => trainingDashboard(deps.ctx(request), deps.reportsDb ?? deps.db, request.query),
  );
  app.get(
    '/api/v1/training/dashboard/export',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags: ['training'],
        summary: "One table of the trainer's dashboard as an Excel workbook",
        querystring: ZTrainingDashboardQuery.and(
          z.object({ table: z.enum(TRAINING_DASHBOARD_TABLES), lang: ZXlsxLang }),
        ),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { table, lang, ...query } = request.query;
      return sendXlsx(
        reply,
        ctx,
        trainingDashboardExport(ctx, deps.reportsDb ?? deps.db, query, table),
        lang,
      );
    },
  );
}
