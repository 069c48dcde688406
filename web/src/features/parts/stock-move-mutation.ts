import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TShelfWarning } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** A stock movement (receipt, transfer, issue…): everything about parts is refreshed after it. */
export function useStockMutation<TBody>(
  path: (b: TBody) => string,
  bodyOf: (b: TBody) => unknown = (b) => b,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TBody) => api.post<{ warnings?: TShelfWarning[] }>(path(input), bodyOf(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}
