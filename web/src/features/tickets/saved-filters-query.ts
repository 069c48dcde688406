import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZSavedFilter } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export type TSavedFilter = z.infer<typeof ZSavedFilter>;

export const useSavedFilters = () =>
  useQuery({
    queryKey: ticketsKeys.savedFilters,
    queryFn: () => api.get<TSavedFilter[]>('/api/v1/saved-filters'),
  });
