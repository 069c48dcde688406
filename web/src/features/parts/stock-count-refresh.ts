import { useQueryClient } from '@tanstack/react-query';
import type { TStockCountDetail } from '../../../../common/parts-api.ts';
import { partsKey } from './parts-key.ts';
import { stockCountKey } from './stock-count-query.ts';

/** Shows the count a change answered with at once, and refreshes everything about parts. */
export function useStockCountRefresh(id: string | undefined) {
  const client = useQueryClient();
  return (c: TStockCountDetail) => {
    client.setQueryData(stockCountKey(id), c);
    client.invalidateQueries({ queryKey: [partsKey] });
  };
}
