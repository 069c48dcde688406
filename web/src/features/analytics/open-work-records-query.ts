import { useQuery } from '@tanstack/react-query';
import type { TOpenWorkRecord } from '../../../../common/analytics-api.ts';
import { api } from '../../api/client.ts';
import { analyticsKeys } from './analytics-keys.ts';

/** The open records behind one region (drill-down); null: nothing asked. */
export const useOpenWorkRecords = (query: Record<string, string | undefined> | null) =>
  useQuery({
    queryKey: analyticsKeys.openWorkRecords(query ?? {}),
    queryFn: () => api.get<{ items: TOpenWorkRecord[] }>('/api/v1/analytics/open-work/records', query ?? {}),
    enabled: query !== null,
  });
