import { useQuery } from '@tanstack/react-query';
import type { TOpenWork } from '../../../../common/analytics-api.ts';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** Open tickets and work orders now, by region, under the dashboard's customer / project filter. */
export const useOpenWork = (query: Record<string, string | undefined>) =>
  useQuery({
    queryKey: analyticsKeys.openWork(query),
    queryFn: () => api.get<TOpenWork>('/api/v1/analytics/open-work', query),
  });
