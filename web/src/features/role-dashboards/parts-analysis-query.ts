import { useQuery } from '@tanstack/react-query';
import type { TPartsAnalysis } from '../../../../common/parts-analysis-api.ts';
import { api } from '../../api/client.ts';
import { roleDashboardKeys } from './role-dashboard-keys.ts';

/** The storekeeper's dashboard for a period and filters. */
export const usePartsAnalysis = (query: Record<string, string | undefined>, enabled: boolean) =>
  useQuery({
    queryKey: roleDashboardKeys.parts(query),
    queryFn: () => api.get<TPartsAnalysis>('/api/v1/parts/analysis', query),
    enabled,
  });
