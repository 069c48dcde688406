import { useQuery } from '@tanstack/react-query';
import type { TSlaRecordPage } from '../../../../common/analytics-api.ts';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** The breached targets behind a figure (drill-down); null: nothing asked. */
export const useSlaRecords = (query: Record<string, string | undefined> | null) =>
  useQuery({
    queryKey: analyticsKeys.records(query ?? {}),
    queryFn: () => api.get<TSlaRecordPage>('/api/v1/analytics/sla/records', query ?? {}),
    enabled: query !== null,
  });
