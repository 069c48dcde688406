import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateLocationRequest, TStockLocation } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

export function useCreateLocation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateLocationRequest) => api.post<TStockLocation>('/api/v1/stock/locations', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}
