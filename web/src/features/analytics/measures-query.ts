import { useQuery } from '@tanstack/react-query';
import type { TMeasureRecordPage, TMeasures, TPerformance } from '../../../../common/measures-api.ts';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** The measures of a period and filters (docs/analytics.md; a customer user gets its own only). */
export const useMeasures = (query: Record<string, string | undefined>, enabled: boolean) =>
  useQuery({
    queryKey: analyticsKeys.measures(query),
    queryFn: () => api.get<TMeasures>('/api/v1/analytics/measures', query),
    enabled,
  });

/** The records behind a measure's figure; null: nothing asked. */
export const useMeasureRecords = (query: Record<string, string | undefined> | null) =>
  useQuery({
    queryKey: analyticsKeys.measureRecords(query ?? {}),
    queryFn: () => api.get<TMeasureRecordPage>('/api/v1/analytics/measures/records', query ?? {}),
    enabled: query !== null,
  });

/** Staff performance of a month (own record, or everyone's for a manager). */
export const usePerformance = (month: string, enabled: boolean) =>
  useQuery({
    queryKey: analyticsKeys.performance(month),
    queryFn: () => api.get<TPerformance>('/api/v1/analytics/performance', { month }),
    enabled,
  });
