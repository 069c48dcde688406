import { useQuery } from '@tanstack/react-query';
import type { TPlanVisit } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** What was generated for a plan and why. */
export const usePlanVisits = (planId: string) =>
  useQuery({
    queryKey: maintenanceKeys.visits(planId),
    queryFn: () => api.get<TPlanVisit[]>(`/api/v1/maintenance/plans/${planId}/visits`),
  });
