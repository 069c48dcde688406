import { useQuery } from '@tanstack/react-query';
import type { TStockCountDetail } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

export const stockCountKey = (id: string | undefined) => [partsKey, 'count', id];

/** A count with its lines and variance report. */
export const useStockCount = (id: string | undefined) =>
  useQuery({
    queryKey: stockCountKey(id),
    queryFn: () => api.get<TStockCountDetail>(`/api/v1/stock/counts/${id}`),
  });
