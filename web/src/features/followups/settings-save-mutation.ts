import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFollowUpSettings, TUpdateFollowUpSettingsRequest } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

export function useFollowUpSettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateFollowUpSettingsRequest) =>
      api.put<TFollowUpSettings>('/api/v1/followups/settings', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: followUpKeys.settings() }),
  });
}
