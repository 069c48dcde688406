import { useQuery } from '@tanstack/react-query';
import type { TVisitChecklist } from '../../../../common/maintenance-visit-api.ts';
import { api } from '../../api/client.ts';

export const maintenanceVisitKey = 'maintenance-visit';

/** The checklist of a maintenance work order's visit (every asset, answers, suggestions, record). */
export const useVisitChecklist = (workOrderId: string) =>
  useQuery({
    queryKey: [maintenanceVisitKey, workOrderId],
    queryFn: () => api.get<TVisitChecklist>(`/api/v1/maintenance/work-orders/${workOrderId}/checklist`),
  });
