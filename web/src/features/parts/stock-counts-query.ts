import { useQuery } from '@tanstack/react-query';
import type { TStockCount } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** The counts of a location, newest first (for those who may count). */
export const useStockCounts = (locationId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: [partsKey, 'counts', locationId],
    queryFn: () => api.get<TStockCount[]>('/api/v1/stock/counts', { locationId }),
    enabled: Boolean(locationId && enabled),
  });
