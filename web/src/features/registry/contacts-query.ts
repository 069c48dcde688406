import { useQuery } from '@tanstack/react-query';
import type { TContact } from '../../../../common/registry-api.ts';
import { api } from '../../api/client.ts';
import { registryKey } from './registry-query.ts';

/** A customer's contacts; refreshed with the rest of the registry after each registry write. */
export const useContacts = (customerId: string, enabled = true) =>
  useQuery({
    queryKey: [registryKey, 'contacts', customerId],
    queryFn: () => api.get<TContact[]>(`/api/v1/customers/${customerId}/contacts`),
    enabled: enabled && Boolean(customerId),
  });
