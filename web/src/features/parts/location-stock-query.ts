import { useQuery } from '@tanstack/react-query';
import type { TLocationStockLine } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** What a location holds (good and defective), once one is chosen. */
export const useLocationStock = (locationId: string | undefined) =>
  useQuery({
    queryKey: [partsKey, 'location', locationId],
    queryFn: () => api.get<TLocationStockLine[]>(`/api/v1/stock/locations/${locationId}/stock`),
    enabled: Boolean(locationId),
  });
