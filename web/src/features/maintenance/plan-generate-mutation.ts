import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TGenerateResult } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from '../field/work-orders-query.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** Generates the plan's project now (idempotent on the server). */
export function usePlanGenerate(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TGenerateResult>(`/api/v1/maintenance/plans/${planId}/generate`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: maintenanceKeys.all() });
      void client.invalidateQueries({ queryKey: [workOrdersKey] });
    },
  });
}
