import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCreateApiTokenRequest, ZCreatedApiToken } from '../../../../common/api.ts';
import { api } from '../../api/client.ts';
import { usersKeys } from './users-keys.ts';

export function useCreateApiTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateApiTokenRequest>) =>
      api.post<z.infer<typeof ZCreatedApiToken>>('/api/v1/api-tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKeys.apiTokens }),
  });
}
