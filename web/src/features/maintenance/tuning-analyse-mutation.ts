import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** Runs the tuning analysis now (the weekly job does it too). */
export function useTuningAnalyse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ groups: number; proposed: number }>('/api/v1/maintenance/tuning/analyse'),
    onSuccess: () => void client.invalidateQueries({ queryKey: maintenanceKeys.all() }),
  });
}
