// The training settings (the seed's minimums and the defaults of a new course), with their version.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TTrainingSettings, TUpdateTrainingSettingsRequest } from '../../../../common/training-api.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from './training-keys.ts';

export const useTrainingSettings = () =>
  useQuery({
    queryKey: trainingKeys.settings(),
    queryFn: () => api.get<TTrainingSettings>('/api/v1/training/settings'),
  });

export function useTrainingSettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateTrainingSettingsRequest) =>
      api.put<TTrainingSettings>('/api/v1/training/settings', body),
    onSuccess: (saved) => client.setQueryData(trainingKeys.settings(), saved),
  });
}
