import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateSpecialInspectionRequest,
  TVisitWorkOrder,
} from '../../../../common/maintenance-visits-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from '../field/work-orders-query.ts';
import { campaignKeys } from './campaign-keys.ts';

/** 特殊巡查 from a ticket: an inspection work order linked to it. */
export function useSpecialInspectionCreate(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<TCreateSpecialInspectionRequest, 'ticketId'>) =>
      api.post<TVisitWorkOrder>('/api/v1/maintenance/special-inspections', { ...body, ticketId }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: campaignKeys.special(ticketId) });
      void client.invalidateQueries({ queryKey: [workOrdersKey] });
    },
  });
}
