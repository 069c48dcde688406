import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TReturnSettings, TUpdateReturnSettingsRequest } from '../../../../common/returns-api.ts';
import { api } from '../../api/client.ts';
import { returnsKeys } from './returns-keys.ts';

/** Saves the settings at the version they were read. */
export function useReturnSettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateReturnSettingsRequest) =>
      api.put<TReturnSettings>('/api/v1/returns/settings', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: returnsKeys.settings() }),
  });
}
