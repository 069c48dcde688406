import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreatePlanRequest, TPlan } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export const usePlans = () =>
  useQuery({ queryKey: trainingKeys.plans(), queryFn: () => api.get<TPlan[]>('/api/v1/training/plans') });

export function usePlanCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePlanRequest) => api.post<TPlan>('/api/v1/training/plans', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.plans() }),
  });
}
