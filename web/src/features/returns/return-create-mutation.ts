import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateReturnRequest, TReturnDetail } from '../../../../common/returns-api.ts';
import { api } from '../../api/client.ts';

/** Asks for a return (with an idempotency key, so a retried click creates one). */
export function useReturnCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateReturnRequest) => api.post<TReturnDetail>('/api/v1/returns', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['returns'] }),
  });
}
