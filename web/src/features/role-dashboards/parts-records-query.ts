import { useQuery } from '@tanstack/react-query';
import type { TConsumptionRecord } from '../../../../common/parts-analysis-api.ts';
import { api } from '../../api/client.ts';
import { roleDashboardKeys } from './role-dashboard-keys.ts';

/** The movements behind a consumption figure (null: the drawer is closed). */
export const usePartsRecords = (query: Record<string, string | undefined> | null) =>
  useQuery({
    queryKey: roleDashboardKeys.partsRecords(query ?? {}),
    queryFn: () =>
      api.get<{ items: TConsumptionRecord[]; total: number }>('/api/v1/parts/analysis/records', query ?? {}),
    enabled: query !== null,
  });
