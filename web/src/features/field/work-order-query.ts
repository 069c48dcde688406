import { useQuery } from '@tanstack/react-query';
import type { TWorkOrderDetail } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

export const useWorkOrder = (id: string | undefined) =>
  useQuery({
    queryKey: [workOrdersKey, 'one', id],
    queryFn: () => api.get<TWorkOrderDetail>(`/api/v1/work-orders/${id}`),
    enabled: Boolean(id),
  });
