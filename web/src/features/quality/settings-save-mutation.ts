import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TQualitySettings, TUpdateQualitySettingsRequest } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

/** Saves the early-warning settings at the version they were read. */
export function useQualitySettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateQualitySettingsRequest) =>
      api.put<TQualitySettings>('/api/v1/quality/settings', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: qualityKeys.settings() }),
  });
}
