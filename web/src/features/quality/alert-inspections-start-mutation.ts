import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TVisitWorkOrder } from '../../../../common/maintenance-visits-api.ts';
import type { TStartAlertInspectionsRequest } from '../../../../common/quality-api.ts';
import { api } from '../../api/client.ts';
import { qualityKeys } from './quality-keys.ts';

/** 特殊巡查 from an alert: one inspection per site, or the alert's open ones back. */
export function useAlertInspectionsStart(alertId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TStartAlertInspectionsRequest) =>
      api.post<{ created: boolean; inspections: TVisitWorkOrder[] }>(
        `/api/v1/quality/alerts/${alertId}/inspections`,
        body,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: qualityKeys.alertInspections(alertId) }),
  });
}
