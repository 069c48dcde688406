import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TDateRequest, TDecideDateRequest } from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from '../field/work-orders-query.ts';
import { maintenanceKeys } from './maintenance-keys.ts';

/** The dispatcher confirms (the visit moves) or declines a date request. */
export function useDateRequestDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TDecideDateRequest & { id: string }) =>
      api.post<TDateRequest>(`/api/v1/maintenance/date-requests/${id}/decision`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: maintenanceKeys.all() });
      void client.invalidateQueries({ queryKey: [workOrdersKey] });
    },
  });
}
