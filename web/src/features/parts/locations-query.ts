import { useQuery } from '@tanstack/react-query';
import type { TStockLocationListItem } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

export const useLocations = () =>
  useQuery({
    queryKey: [partsKey, 'locations'],
    queryFn: () => api.get<TStockLocationListItem[]>('/api/v1/stock/locations'),
  });
