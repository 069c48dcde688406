import { useQuery } from '@tanstack/react-query';
import type { TAvailability } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** Where a part is available (quantities only), the user's own van first. */
export const usePartAvailability = (partId: string) =>
  useQuery({
    queryKey: [partsKey, 'availability', partId],
    queryFn: () => api.get<TAvailability[]>(`/api/v1/parts/${partId}/availability`),
  });
