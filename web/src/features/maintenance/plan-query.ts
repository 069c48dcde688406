import { useQuery } from '@tanstack/react-query';
import type { TPlan } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

export const useMaintenancePlan = (id: string | undefined) =>
  useQuery({
    queryKey: maintenanceKeys.plan(id ?? ''),
    queryFn: () => api.get<TPlan>(`/api/v1/maintenance/plans/${id}`),
    enabled: Boolean(id),
  });
