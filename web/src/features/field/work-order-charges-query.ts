import { useQuery } from '@tanstack/react-query';
import type { TCharges } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

export const useWorkOrderCharges = (workOrderId: string) =>
  useQuery({
    queryKey: [workOrdersKey, 'charges', workOrderId],
    queryFn: () => api.get<TCharges>(`/api/v1/work-orders/${workOrderId}/charges`),
  });
