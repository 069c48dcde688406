import { useQuery } from '@tanstack/react-query';
import type { TVisitChecklist } from '../../../../common/maintenance-visit-api.ts';
import { api } from '../../api/client.ts';

export const maintenanceVisitKey = 'maintenance-visit';

/**
 * The checklist of a maintenance work order's visit (every asset, answers, suggestions, record); an
 * inspection work order has one when it is a special or campaign inspection (`enabled` asks only then).
 */
export const useVisitChecklist = (workOrderId: string, enabled = true) =>
  useQuery({
    queryKey: [maintenanceVisitKey, workOrderId],
    enabled: enabled && Boolean(workOrderId),
    queryFn: () => api.get<TVisitChecklist>(`/api/v1/maintenance/work-orders/${workOrderId}/checklist`),
  });
