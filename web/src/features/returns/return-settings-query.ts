import { useQuery } from '@tanstack/react-query';
import type { TReturnSettings } from '../../../../common/returns-api.ts';
import { api } from '../../api/client.ts';
import { returnsKeys } from './returns-keys.ts';

export const useReturnSettings = () =>
  useQuery({
    queryKey: returnsKeys.settings(),
    queryFn: () => api.get<TReturnSettings>('/api/v1/returns/settings'),
  });
