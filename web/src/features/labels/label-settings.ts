import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLabelSettings, TUpdateLabelSettings } from '../../../../common/labels-api.ts';
import { api } from '../../api/client.ts';
import { labelKeys } from './labels-keys.ts';

export const useLabelSettings = () =>
  useQuery({
    queryKey: labelKeys.settings(),
    queryFn: () => api.get<TLabelSettings>('/api/v1/labels/settings'),
  });

/** Saves the settings at the version they were read (a stale version is a 409). */
export function useLabelSettingsSave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateLabelSettings) => api.put<TLabelSettings>('/api/v1/labels/settings', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: labelKeys.settings() }),
  });
}
