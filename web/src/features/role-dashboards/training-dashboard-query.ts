import { useQuery } from '@tanstack/react-query';
import type { TTrainingDashboard } from '../../../../common/training-dashboard-api.ts';
import { api } from '../../api/client.ts';
import { roleDashboardKeys } from './role-dashboard-keys.ts';

/** The trainer's dashboard for a period. */
export const useTrainingDashboard = (query: Record<string, string>, enabled: boolean) =>
  useQuery({
    queryKey: roleDashboardKeys.training(query),
    queryFn: () => api.get<TTrainingDashboard>('/api/v1/training/dashboard', query),
    enabled,
  });
