import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateCustomerRequest, TCustomer, TUpdateCustomerRequest } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const customersKey = 'customers';

export function useCustomers(filters: { q?: string }) {
  return useCursorList<TCustomer>(customersKey, '/api/v1/customers', filters);
}

export function useCustomer(id: string | null | undefined) {
  return useQuery({
    queryKey: [customersKey, 'one', id],
    queryFn: () => api.get<TCustomer>(`/api/v1/customers/${id}`),
    enabled: Boolean(id),
  });
}

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
