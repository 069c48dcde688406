import { useQuery } from '@tanstack/react-query';
import type { TPlanSummary } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

export const useMaintenancePlans = (projectId?: string) =>
  useQuery({
    queryKey: maintenanceKeys.plans(projectId),
    queryFn: () => api.get<TPlanSummary[]>('/api/v1/maintenance/plans', { projectId }),
  });
