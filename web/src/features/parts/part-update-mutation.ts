import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPart, TUpdatePartRequest } from '../../../../common/parts-api.ts';
import { api } from '../../api/client.ts';
import { partsKey } from './parts-key.ts';

/** Changes fields of a part at the version the user saw. */
export function useUpdatePart(part: { id: string; version: number }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<TUpdatePartRequest, 'version'>) =>
      api.patch<TPart>(`/api/v1/parts/${part.id}`, { version: part.version, ...changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: [partsKey] }),
  });
}
