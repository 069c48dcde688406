import type { TCustomer } from '../../../../common/api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const customersKey = 'customers';

export function useCustomers(filters: { q?: string }) {
  return useCursorList<TCustomer>(customersKey, '/api/v1/customers', filters);
}
