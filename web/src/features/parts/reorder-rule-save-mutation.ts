import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TReorderRuleRequest } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

export function useSaveReorderRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TReorderRuleRequest) =>
      api.put<TReorderRuleRequest>('/api/v1/stock/reorder-rules', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}
