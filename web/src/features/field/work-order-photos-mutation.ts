import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TSetPhotosRequest, TWorkOrderDetail } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

/** The photos before and after the work. */
export function useSetWorkOrderPhotos(workOrderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSetPhotosRequest) =>
      api.put<TWorkOrderDetail>(`/api/v1/work-orders/${workOrderId}/photos`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [workOrdersKey, 'one', workOrderId] }),
  });
}
