import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreatePlanRequest, TPlan } from '../../../../common/maintenance-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** Creates a plan, or changes `existing` at the version it was read (the project stays). */
export function usePlanSave(existing: TPlan | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePlanRequest) => {
      if (!existing) return api.post<TPlan>('/api/v1/maintenance/plans', body);
      const { projectId: _p, ...changes } = body;
      return api.patch<TPlan>(`/api/v1/maintenance/plans/${existing.id}`, {
        ...changes,
        version: existing.version,
      });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: maintenanceKeys.all() });
    },
  });
}
