import { useQuery } from '@tanstack/react-query';
import type { TFieldSettings } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';

export const fieldSettingsKey = ['field-settings'] as const;

export const useFieldSettings = () =>
  useQuery({
    queryKey: fieldSettingsKey,
    queryFn: () => api.get<TFieldSettings>('/api/v1/field/settings'),
  });
