import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TSaveTrainerLeaveRequest, TTrainerLeaveList } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

/** A trainer's leave (kept in his working profile), shown against his sessions. */
export const useTrainerLeave = (trainerId: string | null) =>
  useQuery({
    queryKey: trainingKeys.trainerLeave(trainerId ?? ''),
    queryFn: () => api.get<TTrainerLeaveList>(`/api/v1/training/trainers/${trainerId}/leave`),
    enabled: Boolean(trainerId),
  });

export const useTrainerLeaveSave = (trainerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSaveTrainerLeaveRequest) =>
      api.put<TTrainerLeaveList>(`/api/v1/training/trainers/${trainerId}/leave`, body),
    // The sessions' leave warnings change with it.
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all() }),
  });
};
