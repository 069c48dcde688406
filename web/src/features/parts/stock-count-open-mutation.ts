import { useMutation } from '@tanstack/react-query';
import type { TStockCount } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';

/** Opens a count of a location (a snapshot of what the books expect). */
export const useOpenCount = () =>
  useMutation({
    mutationFn: (locationId: string) => api.post<TStockCount>('/api/v1/stock/counts', { locationId }),
  });
