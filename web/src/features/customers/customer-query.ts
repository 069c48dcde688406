import { useQuery } from '@tanstack/react-query';
import type { TCustomer } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { customersKey } from './customers-query.ts';

export function useCustomer(id: string | null | undefined) {
  return useQuery({
    queryKey: [customersKey, 'one', id],
    queryFn: () => api.get<TCustomer>(`/api/v1/customers/${id}`),
    enabled: Boolean(id),
  });
}
