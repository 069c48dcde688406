import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TTuningDecision, TTuningProposal } from '../../../../common/maintenance-tuning-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** Accept or reject a tuning proposal (accepting changes the template's interval). */
export function useTuningDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TTuningDecision & { id: string }) =>
      api.post<TTuningProposal>(`/api/v1/maintenance/tuning/${id}/decision`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: maintenanceKeys.all() }),
  });
}
