import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateCustomerRequest, TCustomer, TUpdateCustomerRequest } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { customersKey } from './customers-query.ts';

export function useSaveCustomerMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: TCreateCustomerRequest | TUpdateCustomerRequest }) =>
      input.id
        ? api.patch<TCustomer>(`/api/v1/customers/${input.id}`, input.body)
        : api.post<TCustomer>('/api/v1/customers', input.body),
    onSuccess: () => client.invalidateQueries({ queryKey: [customersKey] }),
  });
}
