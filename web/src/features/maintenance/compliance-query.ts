import { useQuery } from '@tanstack/react-query';
import type { TComplianceReport } from '../../../../common/maintenance-tuning-api.ts';
import { api } from '../../api/client.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** The compliance report for months, a grouping and optional customer/project filters. */
export const useMaintenanceCompliance = (query: Record<string, string | undefined>) =>
  useQuery({
    queryKey: maintenanceKeys.compliance(query),
    queryFn: () => api.get<TComplianceReport>('/api/v1/maintenance/compliance', query),
  });
