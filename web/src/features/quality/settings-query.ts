import { useQuery } from '@tanstack/react-query';
import type { TQualitySettings } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

export const useQualitySettings = () =>
  useQuery({
    queryKey: qualityKeys.settings(),
    queryFn: () => api.get<TQualitySettings>('/api/v1/quality/settings'),
  });
