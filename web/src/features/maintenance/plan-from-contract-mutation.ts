import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPlan } from '../../../../common/maintenance-api.ts';
import type { TPlanFromContractRequest } from '../../../../common/maintenance-tuning-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

export function usePlanFromContract() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TPlanFromContractRequest>) =>
      api.post<TPlan>('/api/v1/maintenance/plans/from-contract', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: maintenanceKeys.all() }),
  });
}
