// HTTP: the trainer's dashboard (training.manage: trainers, managers, admins; customers never).
import { ZTrainingDashboard, ZTrainingDashboardQuery } from '../../../common/training-dashboard-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { trainingDashboard } from './dashboard.ts';

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
}
