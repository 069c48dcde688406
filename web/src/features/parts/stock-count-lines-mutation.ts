import { useMutation } from '@tanstack/react-query';
import type { TEnterCountsRequest, TStockCountDetail } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { useStockCountRefresh } from './stock-count-refresh.ts';

/** Enters counted quantities of a count's lines. */
export function useEnterCounts(id: string | undefined) {
  const refresh = useStockCountRefresh(id);
  return useMutation({
    mutationFn: (lines: TEnterCountsRequest['lines']) =>
      api.patch<TStockCountDetail>(`/api/v1/stock/counts/${id}/lines`, { lines }),
    onSuccess: refresh,
  });
}
