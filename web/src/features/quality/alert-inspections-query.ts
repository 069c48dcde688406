import { useQuery } from '@tanstack/react-query';
import type { TVisitWorkOrder } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

/** The special inspections started from an alert, with their work orders' state. */
export const useAlertInspections = (alertId: string) =>
  useQuery({
    queryKey: qualityKeys.alertInspections(alertId),
    queryFn: () => api.get<TVisitWorkOrder[]>(`/api/v1/quality/alerts/${alertId}/inspections`),
  });
