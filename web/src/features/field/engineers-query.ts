import { useQuery } from '@tanstack/react-query';
import type { TEngineer } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from './work-orders-query.ts';

export const useEngineers = () =>
  useQuery({
    queryKey: [workOrdersKey, 'engineers'],
    queryFn: () => api.get<TEngineer[]>('/api/v1/work-orders/engineers'),
  });
