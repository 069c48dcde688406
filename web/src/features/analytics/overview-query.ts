import { useQuery } from '@tanstack/react-query';
import type { TAnalyticsOverview } from '../../../../common/analytics-api.ts';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** Satisfaction, complaints and maintenance compliance over the period's months (staff). */
export const useAnalyticsOverview = (query: { from: string; to: string }, enabled: boolean) =>
  useQuery({
    queryKey: analyticsKeys.overview(query),
    queryFn: () => api.get<TAnalyticsOverview>('/api/v1/analytics/overview', query),
    enabled,
  });
