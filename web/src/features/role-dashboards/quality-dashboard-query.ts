import { useQuery } from '@tanstack/react-query';
import type { TQualityDashboard, TQualityRecord } from '../../../../common/quality-dashboard-api.ts';
import { api } from '../../api/client.ts';
import { roleDashboardKeys } from './role-dashboard-keys.ts';

/** The quality engineer's dashboard for a period. */
export const useQualityDashboard = (query: Record<string, string>, enabled: boolean) =>
  useQuery({
    queryKey: roleDashboardKeys.quality(query),
    queryFn: () => api.get<TQualityDashboard>('/api/v1/quality/dashboard', query),
    enabled,
  });

/** The records behind a figure (null: the drawer is closed). */
export const useQualityRecords = (query: Record<string, string> | null) =>
  useQuery({
    queryKey: roleDashboardKeys.quality({ records: 'yes', ...query }),
    queryFn: () => api.get<{ items: TQualityRecord[] }>('/api/v1/quality/dashboard/records', query ?? {}),
    enabled: query !== null,
  });
