import { useMutation } from '@tanstack/react-query';
import type { TStockCountDetail } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { useStockCountRefresh } from './stock-count-refresh.ts';

/** Submits, approves or cancels a count at the version the user saw. */
export function useStockCountStep(id: string | undefined, version: number | undefined) {
  const refresh = useStockCountRefresh(id);
  return useMutation({
    mutationFn: (action: 'submit' | 'approve' | 'cancel') =>
      api.post<TStockCountDetail>(`/api/v1/stock/counts/${id}/${action}`, { version }, false),
    onSuccess: refresh,
  });
}
