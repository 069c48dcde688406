import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TApiToken } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useCreateApiTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: string; expiresAt?: string | null }) =>
      api.post<TApiToken & { token: string }>('/api/v1/api-tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.apiTokens }),
  });
}
