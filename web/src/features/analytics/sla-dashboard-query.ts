import { useQuery } from '@tanstack/react-query';
import type { TSlaDashboard } from '../../../../common/analytics-api.ts';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** The SLA dashboard's figures for a period and filters (a customer user gets its own only). */
export const useSlaDashboard = (query: Record<string, string | undefined>, enabled: boolean) =>
  useQuery({
    queryKey: analyticsKeys.sla(query),
    queryFn: () => api.get<TSlaDashboard>('/api/v1/analytics/sla', query),
    enabled,
  });
