import { useQuery } from '@tanstack/react-query';
import type { TReplenishmentSuggestion } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** The open replenishment suggestions, by location. */
export const useReplenishment = () =>
  useQuery({
    queryKey: [partsKey, 'replenishment'],
    queryFn: () => api.get<TReplenishmentSuggestion[]>('/api/v1/stock/replenishment'),
  });
