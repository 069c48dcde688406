import { useMutation } from '@tanstack/react-query';
import type { TRecomputeRequest, TRecomputeResponse } from '../../../../common/sla-api.ts';
import { api } from '../../api/client.ts';

/** Recompute from history, or preview / apply the current policy (see ZRecomputeRequest). */
export function useSlaRecompute() {
  return useMutation({
    mutationFn: (body: TRecomputeRequest) =>
      api.post<TRecomputeResponse>('/api/v1/sla/recompute', body, false),
  });
}
