import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFieldSettings, TUpdateFieldSettingsRequest } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { fieldSettingsKey } from './field-settings-query.ts';

export function useUpdateFieldSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateFieldSettingsRequest) =>
      api.put<TFieldSettings>('/api/v1/field/settings', body),
    onSuccess: (saved) => client.setQueryData(fieldSettingsKey, saved),
  });
}
