import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TDispatchRequest, TDispatchResponse } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

/** Assign or reschedule a work order (needs its current version). */
export function useDispatchWorkOrder(onError?: (err: Error) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TDispatchRequest & { id: string }) =>
      api.patch<TDispatchResponse>(`/api/v1/work-orders/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [workOrdersKey] }),
    onError,
  });
}
