import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TApiToken } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useRevokeApiTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<TApiToken>(`/api/v1/api-tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.apiTokens }),
  });
}
