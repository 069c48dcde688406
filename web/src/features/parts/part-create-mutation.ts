import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreatePartRequest, TPart } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

export function useCreatePart() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePartRequest) => api.post<TPart>('/api/v1/parts', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}
